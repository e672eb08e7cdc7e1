import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One viewer of a live channel in headless Chromium, for bench/topology-ttfb/live-latency.sh (run
 * inside a client group's namespace with {@code cdn topology exec}; Chromium is launched as {@link
 * TierTtfb} launches it, the source launcher compiling both files). Opens the player page, waits
 * for the first latency sample, lets playback settle 3 s (as {@code LivePlaybackIT} did while the
 * start-up stall of docs/live.md was open; the stalls before the watch are reported apart, so a
 * stall at the start still shows), then watches WATCH_SECONDS and
 * prints one line: glass-to-glass median, p95 and max (the page's {@code window.liveLatency}, the
 * clock against the program date time of the playing position, twice a second), the distance from
 * the live edge, stalls, and which edge served the parts with which {@code X-Cache} (read from
 * every part response's headers). Writes the same figures and the samples as JSON.
 *
 * <p>Usage: {@code java -cp PLAYWRIGHT_JARS LiveWatch.java PAGE_URL WATCH_SECONDS OUT_JSON}
 */
public class LiveWatch {
  private static final int SETTLE_SECONDS = 3;

  public static void main(String[] args) throws Exception {
    int watchSeconds = Integer.parseInt(args[1]);
    Map<String, AtomicInteger> parts = new ConcurrentHashMap<>();
    try (Playwright playwright = TierTtfb.playwright();
        Browser browser = TierTtfb.chromium(playwright)) {
      Page page = browser.newPage();
      page.onResponse(r -> {
        if (r.url().contains("/part_"))
          parts
              .computeIfAbsent(
                  r.headerValue("x-served-by") + " " + r.headerValue("x-cache") + " " + r.status(),
                  k -> new AtomicInteger())
              .incrementAndGet();
      });
      page.navigate(args[0]);
      page.waitForFunction(
          "() => window.liveLatency && window.liveLatency.length > 0",
          null,
          new Page.WaitForFunctionOptions().setTimeout(90_000));
      page.waitForTimeout(SETTLE_SECONDS * 1000);
      double from = System.currentTimeMillis();
      page.waitForTimeout(watchSeconds * 1000);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> samples =
          (List<Map<String, Object>>)
              page.evaluate("from => window.liveLatency.filter(s => s.at >= from)", from);
      Object startupMs = page.evaluate("() => window.playerStats.startupMs");
      Map<String, Object> result = figures(samples, watchSeconds);
      result.put("startupMs", startupMs);
      Map<String, Integer> served = new TreeMap<>();
      parts.forEach((k, v) -> served.put(k, v.get()));
      result.put("parts", served);
      System.out.println(line(result));
      result.put("samples", samples);
      Files.writeString(Path.of(args[2]), new com.google.gson.Gson().toJson(result));
    }
  }

  /** The watch's figures, percentiles by nearest rank as LivePlaybackIT takes them. */
  private static Map<String, Object> figures(List<Map<String, Object>> samples, int watchSeconds) {
    Map<String, Object> out = new TreeMap<>();
    out.put("watchSeconds", watchSeconds);
    out.put("sampleCount", samples.size());
    List<Double> glass = sorted(samples, "glass");
    List<Double> edge = sorted(samples, "edge");
    out.put("glassMedian", glass.get(glass.size() / 2));
    out.put("glassP95", glass.get((int) Math.floor(glass.size() * 0.95)));
    out.put("glassMax", glass.getLast());
    out.put("edgeMedian", edge.get(edge.size() / 2));
    out.put("edgeLast", number(samples.getLast(), "edge"));
    out.put("stallsBefore", number(samples.getFirst(), "stalls"));
    out.put("stalls", number(samples.getLast(), "stalls") - number(samples.getFirst(), "stalls"));
    out.put(
        "shortWaits",
        number(samples.getLast(), "shortWaits") - number(samples.getFirst(), "shortWaits"));
    out.put(
        "waitedMs", number(samples.getLast(), "waitedMs") - number(samples.getFirst(), "waitedMs"));
    return out;
  }

  private static List<Double> sorted(List<Map<String, Object>> samples, String key) {
    List<Double> values = new ArrayList<>();
    samples.forEach(s -> values.add(number(s, key)));
    values.sort(Double::compare);
    return values;
  }

  private static double number(Map<String, Object> sample, String key) {
    return ((Number) sample.get(key)).doubleValue();
  }

  private static String line(Map<String, Object> r) {
    return String.format(
        "LiveWatch: %d samples over %d s: glass-to-glass median %.2f s, p95 %.2f s, max %.2f s;"
            + " from the live edge median %.2f s, last %.2f s; stalls %.0f (%.0f before the watch);"
            + " waits under 100 ms %.0f (%.0f ms waiting in all); first frame after %s ms;"
            + " parts (edge, X-Cache, status: count) %s",
        r.get("sampleCount"),
        r.get("watchSeconds"),
        r.get("glassMedian"),
        r.get("glassP95"),
        r.get("glassMax"),
        r.get("edgeMedian"),
        r.get("edgeLast"),
        r.get("stalls"),
        r.get("stallsBefore"),
        r.get("shortWaits"),
        r.get("waitedMs"),
        r.get("startupMs"),
        r.get("parts"));
  }
}
