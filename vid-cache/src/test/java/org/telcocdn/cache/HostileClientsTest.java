package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.http.LimitHit;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.HostileClients;
import org.telcocdn.testkit.HostileClients.RawResponse;

/**
 * Slowloris, slow readers and deep pipelining against a real edge on port 0: a player's hit stays
 * fast while they run, and the edge drops them at its configured limits. Times are generous bounds
 * (the machine is shared), never the measure of anything.
 */
class HostileClientsTest {
  private static final String SMALL = "/videos/v1/720p/seg_00001.m4s";
  private static final String LARGE = "/videos/v1/1080p/seg_00001.m4s";
  private static final Duration HIT_BOUND = Duration.ofSeconds(5);

  @TempDir Path cacheDir;
  private FakeOrigin origin;
  private EdgeServer edge;
  private final HostileClients hostile = new HostileClients();

  @BeforeEach
  void start() {
    origin =
        new FakeOrigin()
            .put("v1", "720p/seg_00001.m4s", random(20_000, 1))
            .put("v1", "1080p/seg_00001.m4s", random(4 << 20, 2));
    edge =
        EdgeFixture.edge(
            origin.target(),
            cacheDir,
            Map.of(
                "edge.limits.header-timeout", "1s",
                "edge.limits.idle-timeout", "2s",
                "edge.limits.write-timeout", "1s",
                "edge.limits.max-pipelined", "4",
                "edge.limits.max-connections", "300"));
    assertThat(get(edge, SMALL).statusCode()).isEqualTo(200);
    assertThat(get(edge, LARGE).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    hostile.close();
    edge.close();
    origin.close();
  }

  @Test
  void slowloris_hitsStayFast_andHeadsAreDroppedAtTheHeaderTimeout() {
    hostile.slowloris(edge.port(), 200);
    Await.until(
        Duration.ofSeconds(10), "200 slow connections open", () -> edge.limits().open() >= 200);

    long started = System.nanoTime();
    HttpResponse<byte[]> hit = get(edge, SMALL);
    assertThat(hit.statusCode()).isEqualTo(200);
    assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(HIT_BOUND);

    Await.until(
        Duration.ofSeconds(15),
        "the slow heads dropped",
        () -> edge.limits().count(LimitHit.HEADER_TIMEOUT) >= 200);
    assertThat(hostile.closedByServer()).isEqualTo(200);
    assertThat(edge.limits().open()).isLessThan(200);
  }

  @Test
  void theControlListener_hasItsOwnLimits_aHandshakeNeverStartedIsDroppedAtTheHeaderTimeout()
      throws Exception {
    List<Socket> silent = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 5; i++)
        silent.add(new Socket("127.0.0.1", edge.controlPort())); // no ClientHello, ever
      Await.until(
          Duration.ofSeconds(10),
          "5 connections on the control listener",
          () -> edge.controlLimits().open() >= 5);
      assertThat(edge.limits().open()).as("the viewer listener counts its own").isLessThan(5);

      Await.until(
          Duration.ofSeconds(15),
          "the silent connections dropped",
          () -> edge.controlLimits().count(LimitHit.HEADER_TIMEOUT) >= 5);
      assertThat(silent).allMatch(HostileClients::closedByServer);
    } finally {
      for (Socket s : silent) s.close();
    }
  }

  @Test
  void slowReaders_hitsStayFast_andAreDroppedAtTheWriteTimeout() {
    List<Socket> readers =
        List.of(
            hostile.slowReader(edge.port(), LARGE, 4), hostile.slowReader(edge.port(), LARGE, 4));

    long started = System.nanoTime();
    assertThat(get(edge, LARGE).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(HIT_BOUND);

    Await.until(
        Duration.ofSeconds(15),
        "both slow readers dropped",
        () -> edge.limits().count(LimitHit.WRITE_TIMEOUT) >= 2);
    readers.forEach(socket -> assertThat(HostileClients.closedByServer(socket)).isTrue());
  }

  @Test
  void deepPipelining_isAnsweredUpToTheCap_thenA503AndClose() throws Exception {
    origin
        .put("v1", "held.m4s", random(1000, 3))
        .holdBackLastChunk(); // the first answer waits: the rest queue behind it
    Socket socket = hostile.pipeline(edge.port(), "/videos/v1/held.m4s", 1);
    Await.until(
        Duration.ofSeconds(10),
        "the first request's fill running",
        () -> origin.fetches("v1", "held.m4s") == 1);
    socket
        .getOutputStream()
        .write(("GET " + SMALL + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").repeat(4 + 3).getBytes());
    Await.until(
        Duration.ofSeconds(10),
        "the overflow seen",
        () -> edge.limits().count(LimitHit.MAX_PIPELINED) == 1);
    origin.release();

    List<RawResponse> responses = HostileClients.readResponses(socket, 20);

    assertThat(responses).hasSize(1 + 4 + 1);
    assertThat(responses.getFirst().body()).hasSize(1000);
    assertThat(responses.subList(1, 5))
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(200);
              assertThat(r.body()).hasSize(20_000);
            });
    RawResponse refused = responses.getLast();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.header("Connection")).isEqualTo("close");
    assertThat(new String(refused.body())).contains("\"error\":\"too_many_pipelined\"");
    assertThat(HostileClients.closedByServer(socket)).isTrue();
    assertThat(edge.limits().count(LimitHit.MAX_PIPELINED)).isEqualTo(1);
  }

  @Test
  void pipelinedRequestsWithinTheCap_areAnsweredInOrder() {
    Socket socket = hostile.pipeline(edge.port(), SMALL, 3);
    List<RawResponse> responses = HostileClients.readResponses(socket, 3);
    assertThat(responses).extracting(RawResponse::status).containsExactly(200, 200, 200);
    assertThat(HostileClients.closedByServer(socket)).as("kept alive").isFalse();
  }

  @Test
  void idleConnections_areClosedAtTheIdleTimeout_andConnectionsOverTheCapAtOnce() throws Exception {
    Socket idle = hostile.pipeline(edge.port(), SMALL, 1);
    assertThat(HostileClients.readResponses(idle, 1)).hasSize(1);
    Await.until(
        Duration.ofSeconds(10),
        "the idle connection dropped",
        () -> HostileClients.closedByServer(idle));
    assertThat(edge.limits().count(LimitHit.IDLE_TIMEOUT)).isGreaterThanOrEqualTo(1);

    hostile.slowloris(edge.port(), 300);
    Await.until(Duration.ofSeconds(10), "300 connections open", () -> edge.limits().open() >= 300);
    try (Socket over = new Socket("127.0.0.1", edge.port())) {
      Await.until(
          Duration.ofSeconds(5),
          "the connection over the cap closed",
          () -> HostileClients.closedByServer(over));
    }
    assertThat(edge.limits().count(LimitHit.MAX_CONNECTIONS)).isGreaterThanOrEqualTo(1);
  }
}
