package org.telcocdn.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.FakeHttpOrigin;
import org.telcocdn.testkit.FakeHttpOrigin.Fault;
import org.telcocdn.testkit.FakeHttpOrigin.Reply;
import org.telcocdn.testkit.FakeHttpOrigin.Request;

/**
 * An edge's connections to a parent, against a scripted parent over TLS with a regional cache's
 * certificate (a {@link FakeHttpOrigin}) and a real regional cache behind it as the secondary,
 * every server on port 0: what the edge asks, how it reuses its connection, and how it gives a
 * parent up that answers nothing, is busy or cuts its body.
 */
class ParentConnectionTest {
  private static final byte[] SEGMENT = EdgeFixture.random(150_000, 23);

  @TempDir Path dir;
  private FakeOrigin origin;
  private TierCaches caches;
  private EdgeServer regional;
  private FakeHttpOrigin parent;

  @BeforeEach
  void start() {
    origin = new FakeOrigin();
    for (int i = 0; i < 6; i++) origin.put("v1", "720p/seg_" + i + ".m4s", SEGMENT);
    caches = new TierCaches(origin.target(), dir);
    regional = caches.start("regional-2", "regional-south", Map.of("edge.tier", "regional"));
  }

  @AfterEach
  void stop() {
    if (parent != null) parent.close();
    caches.close();
    origin.close();
  }

  @Test
  void fillsFromAParent_shareOneKeptAliveTlsConnection_andSayWhoServedThem() {
    EdgeServer edge = edgeBelow(scripted(request -> hit()));

    for (int i = 0; i < 5; i++) {
      HttpResponse<byte[]> response = EdgeFixture.get(edge, "/videos/v1/720p/seg_" + i + ".m4s");
      assertThat(response.body()).isEqualTo(SEGMENT);
      assertThat(response.headers().firstValue("X-Cache")).contains("MISS, HIT from regional-1");
    }

    assertThat(parent.connectionsAccepted()).isEqualTo(1);
    assertThat(
            EdgeFixture.metrics(edge)
                .registry()
                .get("edge_parent_connections_opened")
                .functionCounter()
                .count())
        .isEqualTo(1);
    Request asked = parent.requests().getFirst();
    assertThat(asked.target()).isEqualTo("/internal/tier/videos/v1/720p/seg_0.m4s");
    assertThat(asked.header("X-Cache-Version")).isEqualTo("0");
    assertThat(asked.header("Cache-Control")).isNull();
    assertThat(parents(edge).fills("regional-1")).isEqualTo(5);
  }

  @Test
  void aParentThatSendsNoHead_isSkippedAtTheHeadTimeout_andTheNextFills() {
    EdgeServer edge = edgeBelow(scripted(request -> hit().with(Fault.NEVER_ANSWER)));

    HttpResponse<byte[]> response = EdgeFixture.get(edge, "/videos/v1/720p/seg_1.m4s");

    assertThat(response.body()).isEqualTo(SEGMENT);
    assertThat(response.headers().firstValue("X-Cache")).contains("MISS, MISS from regional-2");
    assertThat(parents(edge).failures("regional-1", ParentFailure.TIMEOUT)).isEqualTo(1);
  }

  @Test
  void aBusyParent_isSkipped_andTheNextFills() {
    EdgeServer edge =
        edgeBelow(scripted(request -> Reply.of(503, "{\"error\":\"busy\"}", "Retry-After", "1")));

    HttpResponse<byte[]> response = EdgeFixture.get(edge, "/videos/v1/720p/seg_2.m4s");

    assertThat(response.body()).isEqualTo(SEGMENT);
    assertThat(response.headers().firstValue("X-Cache")).contains("MISS, MISS from regional-2");
    assertThat(parents(edge).failures("regional-1", ParentFailure.BUSY)).isEqualTo(1);
  }

  @Test
  void aParentThatCutsItsBody_failsThatFill_andTheNextRequestFillsAgain() {
    int[] asked = new int[1];
    EdgeServer edge =
        edgeBelow(scripted(request -> asked[0]++ == 0 ? hit().with(Fault.CUT_BODY) : hit()));

    assertThatThrownBy(() -> EdgeFixture.get(edge, "/videos/v1/720p/seg_3.m4s"))
        .isInstanceOf(UncheckedIOException.class); // a short body, never a complete-looking one
    HttpResponse<byte[]> again = EdgeFixture.get(edge, "/videos/v1/720p/seg_3.m4s");

    assertThat(again.body()).isEqualTo(SEGMENT);
    assertThat(again.headers().firstValue("X-Cache")).contains("MISS, HIT from regional-1");
    assertThat(parent.requests()).hasSize(2);
  }

  /** A parent's answer for a copy it holds: version 0, as a cache without an index says. */
  private static Reply hit() {
    return Reply.ok(
        SEGMENT,
        "Content-Type",
        "video/mp4",
        "X-Cache-Version",
        "0",
        "X-Cache",
        "HIT",
        "X-Served-By",
        "regional-1");
  }

  private FakeHttpOrigin scripted(Function<Request, Reply> answers) {
    parent =
        FakeHttpOrigin.start(
            answers,
            EdgeFixture.CREDS.service(ServiceIdentity.of(ServiceRoles.EDGE, "regional-1")));
    return parent;
  }

  private EdgeServer edgeBelow(FakeHttpOrigin primary) {
    return caches.start(
        "edge-1",
        "edge-a",
        Map.of(
            "edge.parents.primary",
            "regional-1=" + primary.url(),
            "edge.parents.secondary",
            "regional-2=" + regional.controlUrl(),
            "edge.parents.head-timeout",
            "1s",
            "edge.parents.ask-next-after",
            "0s"));
  }

  private static ParentMetrics parents(EdgeServer edge) {
    return new ParentMetrics(EdgeFixture.metrics(edge).registry());
  }
}
