package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.testkit.Await;

/**
 * Fills in flight are capped: a miss past the cap gets 503 with Retry-After; one joining a running
 * fill does not.
 */
class FillLimitTest {
  @TempDir Path cacheDir;

  @Test
  void missPastTheCap_is503WithRetryAfter_whileJoinsAndLaterMissesAreServed() throws Exception {
    try (FakeOrigin origin =
        new FakeOrigin()
            .put("v1", "a.m4s", random(100_000, 1))
            .put("v1", "b.m4s", random(1000, 2))) {
      EdgeServer edge =
          EdgeFixture.edge(origin.target(), cacheDir, Map.of("edge.limits.max-fills", "1"));
      try {
        origin.holdBackLastChunk();
        CompletableFuture<HttpResponse<byte[]>> first =
            CompletableFuture.supplyAsync(() -> get(edge, "/videos/v1/a.m4s"));
        Await.until(
            Duration.ofSeconds(10),
            "the first fill running",
            () -> origin.fetches("v1", "a.m4s") == 1);
        CompletableFuture<HttpResponse<byte[]>> joined =
            CompletableFuture.supplyAsync(() -> get(edge, "/videos/v1/a.m4s"));

        HttpResponse<byte[]> refused = get(edge, "/videos/v1/b.m4s");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(new String(refused.body())).contains("\"error\":\"busy\"");
        assertThat(origin.fetches("v1", "b.m4s")).isZero();
        origin.release();
        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(joined.get().statusCode()).isEqualTo(200);
        assertThat(origin.fetches("v1", "a.m4s")).isEqualTo(1);
        Await.until(
            Duration.ofSeconds(10),
            "the fill committed",
            () -> EdgeFixture.fillsRunning(edge) == 0);
        assertThat(get(edge, "/videos/v1/b.m4s").statusCode()).isEqualTo(200);
        assertThat(EdgeFixture.metrics(edge).count(CacheOutcome.BUSY)).isEqualTo(1);
      } finally {
        edge.close();
      }
    }
  }
}
