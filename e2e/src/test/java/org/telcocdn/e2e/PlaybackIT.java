package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;

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
    videoId =
        (String) stack.ingest(SampleContent.file(), SampleContent.NAME, "e2e", "test").get("id");
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
    assertThat(first)
        .as("the master playlist is a redirect from the broker")
        .anySatisfy(
            s -> {
              assertThat(s.url()).startsWith(stack.broker.url() + "/play/" + videoId);
              assertThat(s.status()).isEqualTo(302);
            });
    List<Seen> segments = first.stream().filter(s -> s.url().contains(".m4s")).toList();
    assertThat(segments).as("media segments were loaded").isNotEmpty();
    assertThat(segments)
        .allSatisfy(
            s -> {
              assertThat(s.status()).isIn(200, 206);
              assertThat(s.servedBy()).isIn(stack.edgeNames());
            });

    List<Seen> second = watch(false);
    assertThat(second.stream().filter(s -> s.url().contains(".m4s")))
        .as("the second viewing is served from the edge's cache")
        .anySatisfy(s -> assertThat(s.cache()).isEqualTo("HIT"));
  }

  /**
   * A mobile viewer should not download what they may never watch: hls.js's defaults fetched 67 s
   * of a 75 s video right after start-up. The player's targets (js/player.js, docs/architecture.md)
   * cap the forward buffer at 20 s; a fragment requested just under that can add one 2 s segment.
   * The page samples its own buffer every 250 ms for 10 s from the start of playback.
   */
  @Test
  void theForwardBufferStaysWithinTheMobileTarget() throws Exception {
    Path source =
        SampleVideos.synthesize(Ffmpeg.bundled(), dir.resolve("long"), "buffer-card", 60, 640, 360);
    String id = (String) stack.ingest(source, "Buffer card", "e2e").get("id");
    try (Page page = browser.newPage()) {
      page.navigate(stack.client.url() + "/player.html?id=" + id);
      page.waitForFunction(
          "() => document.getElementById('video').currentTime > 0.5",
          null,
          new Page.WaitForFunctionOptions().setTimeout(90_000));
      @SuppressWarnings("unchecked")
      Map<String, Object> seen =
          (Map<String, Object>)
              page.evaluate(
                  """
          () => new Promise(done => {
            const video = document.getElementById('video');
            let maxAhead = 0, samples = 0;
            const timer = setInterval(() => {
              const t = video.currentTime;
              for (let i = 0; i < video.buffered.length; i++) {
                if (video.buffered.start(i) <= t + 0.1 && video.buffered.end(i) > t) {
                  maxAhead = Math.max(maxAhead, video.buffered.end(i) - t);
                }
              }
              if (++samples === 40) {
                clearInterval(timer);
                const end = video.buffered.length ? video.buffered.end(video.buffered.length - 1) : 0;
                done({ maxAhead, played: t, bufferedEnd: end, duration: video.duration });
              }
            }, 250);
          })""");
      System.out.println("PlaybackIT: forward buffer over 10 s of playback " + seen);
      double maxAhead = ((Number) seen.get("maxAhead")).doubleValue();
      assertThat(maxAhead)
          .as("seconds buffered ahead of the playhead")
          .isBetween(6.0, 20.0 + 2.0 + 0.5);
      assertThat(((Number) seen.get("bufferedEnd")).doubleValue())
          .as("fetched up to")
          .isLessThan(((Number) seen.get("duration")).doubleValue() - 20);
    }
  }

  /**
   * Opens the catalog (or the player directly), plays past 4 s, and returns what the page loaded.
   */
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
      page.waitForFunction(
          "() => { const v = document.getElementById('video'); return v && v.currentTime > 4.2; }",
          null,
          new Page.WaitForFunctionOptions().setTimeout(90_000));
      Object startup = page.evaluate("() => window.playerStats && window.playerStats.startupMs");
      System.out.printf(
          "PlaybackIT: %s viewing reached 4.2 s after %d ms; player startup (first frame) %s ms%n",
          viaCatalog ? "first" : "second", (System.nanoTime() - started) / 1_000_000, startup);
      assertThat(page.locator("body").innerText()).contains("edge-");
    }
    seen.forEach(
        s ->
            System.out.printf(
                "PlaybackIT:   %d %-5s %-7s %s%n",
                s.status(), s.cache(), s.servedBy(), s.url().replaceAll("\\?.*", "")));
    return seen;
  }

  private static Seen seen(Response r) {
    return new Seen(r.url(), r.status(), r.headerValue("x-cache"), r.headerValue("x-served-by"));
  }
}
