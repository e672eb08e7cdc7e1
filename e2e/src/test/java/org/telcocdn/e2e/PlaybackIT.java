package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A viewer in a real headless Chromium (Debian's, driven by Playwright) opens the catalog, picks a
 * video and watches it through the broker and an edge; then watches it again and gets cache hits.
 */
class PlaybackIT {
  @TempDir static Path dir;
  static Stack stack;
  static String videoId;
  static Playwright playwright;
  static Browser browser;

  /** A response the page saw: enough to tell who served it and how. */
  record Seen(String url, int status, String cache, String servedBy) {}

  @BeforeAll
  static void start() throws Exception {
    stack = new Stack(dir, 3);
    videoId = (String) stack.ingest(SampleContent.file(), SampleContent.NAME, "e2e", "test").get("id");
    playwright = Services.playwright();
    browser = Services.chromium(playwright);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    if (stack != null) stack.close();
  }

  @Test
  void viewerPlaysThroughBrokerAndEdge_andSecondViewingHitsTheCache() {
    List<Seen> first = watch(true);
    assertThat(first).as("the master playlist is a redirect from the broker")
        .anySatisfy(s -> {
          assertThat(s.url()).startsWith(stack.broker.url() + "/play/" + videoId);
          assertThat(s.status()).isEqualTo(302);
        });
    List<Seen> segments = first.stream().filter(s -> s.url().contains(".m4s")).toList();
    assertThat(segments).as("media segments were loaded").isNotEmpty();
    assertThat(segments).allSatisfy(s -> {
      assertThat(s.status()).isIn(200, 206);
      assertThat(s.servedBy()).isIn(stack.edgeNames());
    });

    List<Seen> second = watch(false);
    assertThat(second.stream().filter(s -> s.url().contains(".m4s")))
        .as("the second viewing is served from the edge's cache")
        .anySatisfy(s -> assertThat(s.cache()).isEqualTo("HIT"));
  }

  /** Opens the catalog (or the player directly), plays past 4 s, and returns what the page loaded. */
  private List<Seen> watch(boolean viaCatalog) {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (Page page = browser.newPage()) {
      page.onResponse(r -> seen.add(seen(r)));
      page.onConsoleMessage(m -> System.out.println("[browser] " + m.text()));
      long started = System.nanoTime();
      if (viaCatalog) {
        page.navigate(stack.client.url() + "/");
        page.getByText(SampleContent.NAME).first().click();
      } else {
        page.navigate(stack.client.url() + "/player.html?id=" + videoId);
      }
      page.waitForFunction("() => { const v = document.getElementById('video'); return v && v.currentTime > 4.2; }",
          null, new Page.WaitForFunctionOptions().setTimeout(90_000));
      Object startup = page.evaluate("() => window.playerStats && window.playerStats.startupMs");
      System.out.printf("PlaybackIT: %s viewing reached 4.2 s after %d ms; player startup (first frame) %s ms%n",
          viaCatalog ? "first" : "second", (System.nanoTime() - started) / 1_000_000, startup);
      assertThat(page.locator("body").innerText()).contains("edge-");
    }
    seen.forEach(s -> System.out.printf("PlaybackIT:   %d %-5s %-7s %s%n", s.status(), s.cache(), s.servedBy(), s.url().replaceAll("\\?.*", "")));
    return seen;
  }

  private static Seen seen(Response r) {
    return new Seen(r.url(), r.status(), r.headerValue("x-cache"), r.headerValue("x-served-by"));
  }
}
