package org.telcocdn.cache.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.telcocdn.testkit.Await;

/**
 * A real edge (port 0) in front of a fake origin (gRPC, port 0) that counts what it is asked: a
 * viewer request naming the next segment in CMCD {@code nor} makes the edge fetch it before anyone
 * asks, so the next request is a hit; hints that point elsewhere are counted and fetch nothing.
 */
class NorPrefetchTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  @TempDir Path cacheDir;
  private FakeOrigin origin;
  private EdgeServer edge;

  @BeforeEach
  void start() {
    origin =
        new FakeOrigin()
            .put("title-a", "360p/seg_00001.m4s", random(20_000, 1))
            .put("title-a", "360p/seg_00002.m4s", random(20_000, 2))
            .put("title-a", "720p/seg_00002.m4s", random(30_000, 3))
            .put("title-b", "360p/seg_00001.m4s", random(20_000, 4));
    edge = EdgeFixture.edge(origin.target(), cacheDir, Map.of());
  }

  @AfterEach
  void stop() {
    if (edge != null) edge.close();
    if (origin != null) origin.close();
  }

  /** {@code ?CMCD=nor="..."}: the value URL-encoded inside the string, then the whole parameter. */
  private static String withNor(String path, String nor) {
    String cmcd = "nor=\"" + URLEncoder.encode(nor, StandardCharsets.UTF_8) + "\",sid=\"s1\"";
    return path + "?CMCD=" + URLEncoder.encode(cmcd, StandardCharsets.UTF_8);
  }

  private double count(PrefetchOutcome outcome) {
    var c =
        EdgeFixture.metrics(edge)
            .registry()
            .find("edge_prefetch")
            .tag("outcome", outcome.label())
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void theNextSegmentNamedInNor_isFetchedAheadAndThenAHit() {
    HttpResponse<byte[]> first =
        get(edge, withNor("/videos/title-a/360p/seg_00001.m4s", "seg_00002.m4s"));
    assertThat(first.statusCode()).isEqualTo(200);

    Await.until(WAIT, "the hinted segment fetched", () -> count(PrefetchOutcome.FETCHED) == 1);
    assertThat(origin.fetches("title-a", "360p/seg_00002.m4s")).isEqualTo(1);
    HttpResponse<byte[]> next = get(edge, "/videos/title-a/360p/seg_00002.m4s");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(next.body()).isEqualTo(random(20_000, 2));
    assertThat(origin.fetches("title-a", "360p/seg_00002.m4s")).as("fetched once").isEqualTo(1);

    // the same hint again: held now, nothing fetched
    get(edge, withNor("/videos/title-a/360p/seg_00001.m4s", "seg_00002.m4s"));
    Await.until(WAIT, "the second hint counted", () -> count(PrefetchOutcome.HELD) == 1);
    assertThat(origin.fetches("title-a", "360p/seg_00002.m4s")).isEqualTo(1);
  }

  @Test
  void aHintHeaderForASiblingRenditionOfTheSameTitle_isFetched() throws Exception {
    HttpResponse<byte[]> first =
        get(
            edge,
            "/videos/title-a/360p/seg_00001.m4s",
            "CMCD-Request",
            "nor=\"" + URLEncoder.encode("../720p/seg_00002.m4s", StandardCharsets.UTF_8) + "\"");
    assertThat(first.statusCode()).isEqualTo(200);
    Await.until(WAIT, "the other rendition fetched", () -> count(PrefetchOutcome.FETCHED) == 1);
    assertThat(get(edge, "/videos/title-a/720p/seg_00002.m4s").headers().firstValue("X-Cache"))
        .contains("HIT");
  }

  @Test
  void hintsOutsideTheTitleOrToAnotherHost_areCountedAndFetchNothing() {
    String path = "/videos/title-a/360p/seg_00001.m4s";
    get(edge, withNor(path, "https://elsewhere.example/videos/title-a/360p/seg_00002.m4s"));
    get(edge, withNor(path, "//elsewhere.example/videos/title-a/360p/seg_00002.m4s"));
    get(edge, withNor(path, "../../title-b/360p/seg_00001.m4s"));
    get(edge, withNor(path, "/videos/title-b/360p/seg_00001.m4s"));
    get(edge, withNor(path, "../../../../etc/passwd"));
    get(edge, path + "?CMCD=" + URLEncoder.encode("nor=\"%zz\"", StandardCharsets.UTF_8));
    // a request answered 404 earns no prefetch, whatever it names
    assertThat(get(edge, withNor("/videos/title-a/360p/none.m4s", "seg_00002.m4s")).statusCode())
        .isEqualTo(404);

    Await.until(WAIT, "every hint counted", () -> count(PrefetchOutcome.ERROR_RESPONSE) == 1);
    assertThat(count(PrefetchOutcome.OTHER_HOST)).isEqualTo(2);
    assertThat(count(PrefetchOutcome.OUTSIDE_TITLE)).isEqualTo(3);
    assertThat(count(PrefetchOutcome.MALFORMED)).isEqualTo(1);
    assertThat(count(PrefetchOutcome.FETCHED) + count(PrefetchOutcome.FAILED)).isZero();
    assertThat(origin.fetches("title-b", "360p/seg_00001.m4s")).isZero();
    assertThat(origin.fetches("title-a", "360p/seg_00002.m4s")).isZero();
  }

  @Test
  void pastMaxInFlight_aHintIsCountedAsLimitAndFetchesNothing() {
    edge.close();
    edge = EdgeFixture.edge(origin.target(), cacheDir, Map.of("edge.prefetch.max-in-flight", "1"));
    String path = "/videos/title-a/360p/seg_00001.m4s";
    assertThat(get(edge, path).statusCode()).isEqualTo(200); // held from now on
    origin.holdBackLastChunk(); // so the first prefetch stays in flight
    try {
      get(edge, withNor(path, "seg_00002.m4s"));
      Await.until(
          WAIT,
          "the first prefetch running",
          () -> origin.fetches("title-a", "360p/seg_00002.m4s") == 1);
      get(edge, withNor(path, "../720p/seg_00002.m4s"));
      Await.until(WAIT, "the second hint counted", () -> count(PrefetchOutcome.LIMIT) == 1);
      assertThat(origin.fetches("title-a", "720p/seg_00002.m4s")).isZero();
    } finally {
      origin.release();
    }
    Await.until(WAIT, "the first prefetch stored", () -> count(PrefetchOutcome.FETCHED) == 1);
  }
}
