package org.telcocdn.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

/**
 * The origin cut off from one regional cache (bench/topology-drills' drill b): regional-2, the
 * edge's primary parent, lacks the object and its origin never answers for it, while regional-1,
 * the secondary, holds it. Every server real, on port 0, with its certificate.
 */
class AskNextParentTest {
  private static final byte[] SEGMENT = EdgeFixture.random(200_000, 21);
  private static final String PATH = "/videos/v1/720p/seg_0.m4s";
  private static final HttpClient CHILD =
      TestCredentials.http(
          EdgeFixture.CREDS.service(ServiceIdentity.of(ServiceRoles.EDGE, "edge-9")));

  @TempDir Path dir;
  private FakeOrigin origin;
  private FakeOrigin cutOff;
  private TierCaches caches;
  private EdgeServer regional1;
  private EdgeServer regional2;

  @BeforeEach
  void start() {
    origin = new FakeOrigin().put("v1", "720p/seg_0.m4s", SEGMENT);
    cutOff = new FakeOrigin(); // holds every fetch of what it lacks, as a dead link would
    cutOff.targetDurationMs(10_000);
    cutOff.holdMissing();
    caches = new TierCaches(origin.target(), dir);
    regional1 = caches.start("regional-1", "regional-north", Map.of("edge.tier", "regional"));
    regional2 =
        new TierCaches(cutOff.target(), dir.resolve("cut"))
            .start("regional-2", "regional-south", Map.of("edge.tier", "regional"));
  }

  @AfterEach
  void stop() {
    cutOff.close(); // first: ends the fetch it holds, so regional-2 has nothing left to drain
    regional2.close();
    caches.close();
    origin.close();
  }

  @Test
  void aSlowPrimaryParent_theSecondarysStoredCopyIsTaken_withoutWaitingForTheHeadTimeout() {
    EdgeServer filler = edge("edge-2", "regional-1=" + regional1.controlUrl(), "");
    assertThat(EdgeFixture.get(filler, PATH).statusCode()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(30),
        "regional-1 stored it",
        () -> EdgeFixture.disk(regional1).objectCount() == 1);
    EdgeServer edge =
        edge(
            "edge-3",
            "regional-2=" + regional2.controlUrl(),
            "regional-1=" + regional1.controlUrl());

    HttpResponse<byte[]> response = EdgeFixture.get(edge, PATH);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(SEGMENT);
    assertThat(response.headers().firstValue("X-Cache")).contains("MISS, HIT from regional-1");
    ParentMetrics parents = new ParentMetrics(EdgeFixture.metrics(edge).registry());
    assertThat(parents.askedNext("regional-1", true)).isEqualTo(1);
    assertThat(parents.fills("regional-1")).isEqualTo(1);
    // within the head timeout (30 s here): regional-2 was neither waited out nor blamed
    assertThat(parents.failures("regional-2", ParentFailure.TIMEOUT)).isZero();
    assertThat(cutOff.fetches("v1", "720p/seg_0.m4s")).isEqualTo(1); // regional-2's own fill
    assertThat(origin.fetches("v1", "720p/seg_0.m4s")).isEqualTo(1); // only edge-2's, earlier
  }

  @Test
  void onlyIfCached_aParentWithoutACopyAnswers504_andStartsNoFill() {
    HttpResponse<byte[]> response = tierGet(regional1, "only-if-cached");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(new String(response.body())).contains("\"error\":\"not_cached\"");
    assertThat(origin.fetches("v1", "720p/seg_0.m4s")).isZero();

    assertThat(tierGet(regional1, "no-cache").statusCode()).isEqualTo(200); // a fill, as before
    Await.until(
        Duration.ofSeconds(30),
        "regional-1 stored it",
        () -> EdgeFixture.disk(regional1).objectCount() == 1);
    HttpResponse<byte[]> stored = tierGet(regional1, "max-age=0, only-if-cached");
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(stored.body()).isEqualTo(SEGMENT);
    assertThat(origin.fetches("v1", "720p/seg_0.m4s")).isEqualTo(1);
  }

  private EdgeServer edge(String name, String primary, String secondary) {
    return caches.start(
        name,
        "edge-c",
        Map.of(
            "edge.parents.primary", primary,
            "edge.parents.secondary", secondary,
            "edge.parents.connect-timeout", "20s",
            "edge.parents.head-timeout", "30s",
            // far above a loaded test machine's regional hit; far below the head timeout
            "edge.parents.ask-next-after", "2s"));
  }

  private static HttpResponse<byte[]> tierGet(EdgeServer parent, String cacheControl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(parent.controlUrl() + "/internal/tier" + PATH))
            .header("Cache-Control", cacheControl)
            .timeout(Duration.ofSeconds(20))
            .build();
    return EdgeFixture.send(CHILD, request);
  }
}
