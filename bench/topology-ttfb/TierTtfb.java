import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One viewing in headless Chromium, for bench/topology-ttfb/run.sh (run inside a client group's
 * namespace with {@code cdn topology exec}, with the Java source launcher and Playwright's jars):
 * opens the player page for a title, waits for its first frame ({@code
 * window.playerStats.startupMs}, from the start of loading the master playlist to the video's first
 * {@code playing}), and writes one JSON object: the first-frame time, the fragments the player saw
 * with their {@code X-Cache}, and the Resource Timing of every playlist and segment (the edges send
 * {@code Timing-Allow-Origin: *}, so the phases of a cross-origin entry are visible).
 *
 * <p>Usage: {@code java -cp PLAYWRIGHT_JARS TierTtfb.java PAGE_URL OUT_JSON}
 */
public class TierTtfb {
  private static final String RESULT =
      """
      () => ({
        startupMs: window.playerStats.startupMs,
        fragments: window.playerStats.fragments,
        resources: performance.getEntriesByType('resource')
          .filter(e => /\\.(m3u8|m4s|mp4)$/.test(new URL(e.name).pathname))
          .map(e => ({ name: new URL(e.name).pathname.replace(/;[^/]*/, ''), startTime: e.startTime,
                       connectStart: e.connectStart, connectEnd: e.connectEnd,
                       requestStart: e.requestStart, responseStart: e.responseStart,
                       responseEnd: e.responseEnd, protocol: e.nextHopProtocol }))
      })
      """;

  public static void main(String[] args) throws Exception {
    try (Playwright playwright = playwright();
        Browser browser = chromium(playwright)) {
      Page page = browser.newPage();
      page.navigate(args[0]);
      page.waitForFunction(
          "() => window.playerStats && window.playerStats.startupMs != null",
          null,
          new Page.WaitForFunctionOptions().setTimeout(60_000));
      Object result = page.evaluate(RESULT);
      Files.writeString(Path.of(args[1]), new com.google.gson.Gson().toJson(result));
    }
  }

  /** Playwright's driver without a browser download: the browser is Debian's Chromium. */
  static Playwright playwright() {
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /**
   * Headless /usr/bin/chromium as every bench viewing starts it (also {@code LiveWatch}): no QUIC,
   * so the player's requests are the TCP the emulated links shape; autoplay without a gesture.
   */
  static Browser chromium(Playwright playwright) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(
                    List.of(
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--autoplay-policy=no-user-gesture-required")));
  }
}
