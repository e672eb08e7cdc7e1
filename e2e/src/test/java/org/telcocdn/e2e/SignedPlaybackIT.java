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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;

/**
 * A session outlives its tokens: with every token living 3 s, Chromium plays a 24 s video through
 * the player page to its end. The page moves each request under the newest route's signed URL, and
 * an edge's 403 for an expired token makes it ask the broker again and retry (docs/security.md,
 * "Lifetimes and renewal"); playback goes on, and at least one token expired on the way.
 */
class SignedPlaybackIT {
  @TempDir Path dir;

  @Test
  void playbackLongerThanTheTokensLifetimeKeepsGoing() throws Exception {
    try (Stack stack =
            new Stack(
                dir,
                2,
                Map.of(
                    "security.url-signing.ttl", "3s", "security.url-signing.redirect-ttl", "3s"));
        Playwright playwright = Services.playwright();
        Browser browser = Services.chromium(playwright);
        Page page = browser.newPage()) {
      Path file =
          SampleVideos.synthesize(
              Ffmpeg.bundled(), dir.resolve("samples"), "renewal-card", 24, 640, 360);
      String id = (String) stack.ingest(file, "Renewal card", "e2e").get("id");
      List<Integer> edgeStatuses = new CopyOnWriteArrayList<>();
      page.onResponse(
          (Response r) -> {
            if (r.url().contains("/videos/" + id)) edgeStatuses.add(r.status());
          });
      page.onConsoleMessage(m -> System.out.println("[browser] " + m.text()));
      page.navigate(stack.client.url() + "/player.html?buffer=4&id=" + id);
      try {
        page.waitForFunction(
            "() => document.getElementById('video').currentTime > 20",
            null,
            new Page.WaitForFunctionOptions().setTimeout(120_000));
      } finally {
        System.out.println(
            "SignedPlaybackIT: edge statuses "
                + edgeStatuses
                + "; player stats "
                + page.evaluate(
                    "() => JSON.stringify({...window.playerStats, fragments: window.playerStats.fragments.slice(-4)})"));
      }

      long refused = edgeStatuses.stream().filter(s -> s == 403).count();
      System.out.printf(
          "SignedPlaybackIT: %d edge responses, %d of them 403 (an expired token, renewed)%n",
          edgeStatuses.size(), refused);
      assertThat(refused)
          .as("tokens expired during playback (else this test shows nothing)")
          .isPositive();
      assertThat(
              page.evaluate(
                  "() => window.playerStats.fragments.every(f => f.url.includes(';URISigningPackage='))"))
          .isEqualTo(true);
    }
  }
}
