package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;
import org.telcocdn.testkit.Await;

/**
 * A viewer never notices an edge dying: three edges run as their own OS processes ({@code cdn up
 * -d}), a real Chromium plays a 30 s video with a short forward buffer, and the edge serving it is
 * killed with SIGKILL mid-playback. The player's failover loader must move to an alternate the
 * broker named, with no stall over 2 s (measured in the page: how long currentTime stays put while
 * the video is neither paused nor ended), and the page must show the new edge.
 */
class EdgeFailoverIT {
  private static final long MAX_STALL_MS = 2_000;

  /** Samples every animation frame; a stall is time with currentTime unchanged while playing. */
  private static final String STALL_SAMPLER =
      """
      () => {
        const v = document.getElementById('video');
        const s = window.stallStats = { maxMs: 0, last: v.currentTime, since: performance.now(), samples: 0 };
        const tick = () => {
          const now = performance.now();
          if (v.paused || v.ended || v.currentTime !== s.last) { s.last = v.currentTime; s.since = now; }
          else s.maxMs = Math.max(s.maxMs, now - s.since);
          s.samples++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        v.addEventListener('timeupdate', () => { if (v.currentTime !== s.last) { s.last = v.currentTime; s.since = performance.now(); } });
      }""";

  @TempDir Path dir;

  @Test
  void killingTheServingEdgeMidPlaybackCausesNoStallOverTwoSeconds() throws Exception {
    try (CdnProcesses cdn = new CdnProcesses(dir, "site-a", "site-a", "site-a").up()) {
      Map<String, JsonNode> services = cdn.ps();
      String broker = services.get("broker").get("url").asText();
      Await.until(
          Duration.ofSeconds(30),
          "three edges UP at the broker",
          () -> Services.upEdges(broker) == 3);
      Path samples = Files.createDirectories(dir.resolve("samples"));
      Path file = SampleVideos.synthesize(Ffmpeg.bundled(), samples, "failover-card", 30, 640, 360);
      String videoId =
          (String)
              Services.ingest(
                      services.get("vid-raw").get("url").asText(), file, "Failover card", "e2e")
                  .get("id");
      watchAndKill(cdn, services.get("client").get("url").asText(), videoId);
    }
  }

  private void watchAndKill(CdnProcesses cdn, String client, String videoId) throws Exception {
    try (Playwright playwright = Services.playwright();
        Browser browser = Services.chromium(playwright);
        Page page = browser.newPage()) {
      page.onConsoleMessage(m -> System.out.println("[browser] " + m.text()));
      page.navigate(client + "/player.html?buffer=4&id=" + videoId);
      page.waitForFunction(
          "() => document.getElementById('video').currentTime > 1",
          null,
          new Page.WaitForFunctionOptions().setTimeout(90_000));
      page.evaluate(STALL_SAMPLER);
      page.waitForFunction(
          "() => document.getElementById('video').currentTime > 4",
          null,
          new Page.WaitForFunctionOptions().setTimeout(30_000));
      String serving = (String) page.evaluate("() => window.playerStats.edge");
      assertThat(serving).as("the page names the serving edge").startsWith("edge-");
      double killedAt =
          ((Number) page.evaluate("() => document.getElementById('video').currentTime"))
              .doubleValue();
      long pid = cdn.ps().get(serving).get("pid").asLong();
      ProcessHandle.of(pid)
          .orElseThrow()
          .destroyForcibly(); // SIGKILL: no draining, no goodbye to the broker
      System.out.printf("EdgeFailoverIT: killed %s (pid %d) at t=%.1f s%n", serving, pid, killedAt);

      try {
        page.waitForFunction(
            "t => document.getElementById('video').currentTime > t",
            killedAt + 10,
            new Page.WaitForFunctionOptions().setTimeout(60_000));
      } finally {
        System.out.println(
            "EdgeFailoverIT: player stats "
                + page.evaluate(
                    "() => JSON.stringify({...window.playerStats, fragments: window.playerStats.fragments.slice(-6)})"));
      }
      Map<?, ?> stall = (Map<?, ?>) page.evaluate("() => window.stallStats");
      Object failovers = page.evaluate("() => JSON.stringify(window.playerStats.failovers)");
      String shown = page.locator("#s-edge").innerText();
      System.out.printf(
          "EdgeFailoverIT: longest stall %.0f ms over %s frames; failovers %s; page shows %s%n",
          ((Number) stall.get("maxMs")).doubleValue(), stall.get("samples"), failovers, shown);
      assertThat(((Number) stall.get("samples")).intValue()).as("the sampler ran").isPositive();
      assertThat(((Number) stall.get("maxMs")).doubleValue())
          .as("longest stall, ms")
          .isLessThan(MAX_STALL_MS);
      assertThat(shown).as("the page shows the new edge").startsWith("edge-").isNotEqualTo(serving);
    }
  }
}
