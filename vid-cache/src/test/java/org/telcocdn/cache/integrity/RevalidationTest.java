package org.telcocdn.cache.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.testkit.Await;

/**
 * An edge without a cache index is stopped, the origin changes while it is down (an object
 * replaced, a title removed: invalidations it never heard), and it starts again on the same disk:
 * nothing it held is served before the origin was asked about its title.
 */
class RevalidationTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final String SEG1 = "v/seg_00001.m4s", SEG2 = "v/seg_00002.m4s";

  @TempDir Path dir;
  private FakeOrigin origin;
  private EdgeServer edge;
  private Path cache;

  @BeforeEach
  void start() throws IOException {
    origin = new FakeOrigin();
    cache = Files.createDirectories(dir.resolve("edge"));
  }

  @AfterEach
  void stop() {
    if (edge != null) edge.close();
    origin.close();
  }

  @Test
  void heldTitlesAreAskedOfTheOrigin_beforeTheyAreServedAgain() {
    byte[] kept = EdgeFixture.random(70_000, 1),
        old = EdgeFixture.random(70_000, 2),
        same = EdgeFixture.random(70_000, 3);
    byte[] gone = EdgeFixture.random(70_000, 4), replaced = EdgeFixture.random(70_000, 5);
    origin
        .put("kept", SEG1, kept)
        .put("changed", SEG1, old)
        .put("changed", SEG2, same)
        .put("gone", SEG1, gone);
    edge = EdgeFixture.edge(origin.target(), cache, Map.of());
    for (String path :
        new String[] {"kept/" + SEG1, "changed/" + SEG1, "changed/" + SEG2, "gone/" + SEG1})
      cached(path);
    edge.close();

    origin.put("changed", SEG1, replaced).remove("gone", SEG1);
    edge = EdgeFixture.edge(origin.target(), cache, Map.of());

    assertThat(EdgeFixture.revalidation(edge).pending()).isTrue();
    assertServed("kept/" + SEG1, "HIT", kept);
    assertServed("changed/" + SEG1, "MISS", replaced);
    assertServed("changed/" + SEG2, "HIT", same);
    assertThat(EdgeFixture.get(edge, "/videos/gone/" + SEG1).statusCode()).isEqualTo(404);
    assertThat(origin.fetches("kept", SEG1)).isEqualTo(1);
    Await.until(
        GENEROUS, "every held title settled", () -> !EdgeFixture.revalidation(edge).pending());
    assertThat(revalidations(RevalidationOutcome.CONFIRMED)).isEqualTo(1);
    assertThat(revalidations(RevalidationOutcome.CHANGED)).isEqualTo(1);
    assertThat(revalidations(RevalidationOutcome.GONE)).isEqualTo(1);
  }

  @Test
  void whenTheOriginCannotBeAsked_theHeldCopyIsServed_andTheTitleStaysToBeAsked()
      throws IOException {
    byte[] kept = EdgeFixture.random(70_000, 6);
    origin.put("kept", SEG1, kept);
    edge = EdgeFixture.edge(origin.target(), cache, Map.of());
    cached("kept/" + SEG1);
    edge.close();
    String deadOrigin = origin.target();
    origin.close();

    edge = EdgeFixture.edge(deadOrigin, cache, Map.of());

    assertServed("kept/" + SEG1, "HIT", kept);
    assertThat(revalidations(RevalidationOutcome.UNREACHABLE)).isGreaterThanOrEqualTo(1);
    assertThat(EdgeFixture.revalidation(edge).pending()).isTrue();
    origin = new FakeOrigin(); // for stop()
  }

  private void cached(String path) {
    assertThat(EdgeFixture.get(edge, "/videos/" + path).statusCode()).isEqualTo(200);
    CacheKey key =
        new CacheKey(path.substring(0, path.indexOf('/')), path.substring(path.indexOf('/') + 1));
    Await.until(GENEROUS, key + " on disk", () -> EdgeFixture.disk(edge).meta(key).isPresent());
  }

  private void assertServed(String path, String cache, byte[] body) {
    HttpResponse<byte[]> response = EdgeFixture.get(edge, "/videos/" + path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Cache")).as(path).hasValue(cache);
    assertThat(response.body()).as(path).isEqualTo(body);
  }

  private double revalidations(RevalidationOutcome outcome) {
    return EdgeFixture.metrics(edge)
        .registry()
        .get("edge_revalidations")
        .tag("outcome", outcome.name())
        .counter()
        .count();
  }
}
