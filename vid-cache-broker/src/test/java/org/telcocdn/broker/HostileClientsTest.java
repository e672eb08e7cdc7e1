package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.http.LimitHit;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.HostileClients;
import org.telcocdn.testkit.HostileClients.RawResponse;

/**
 * Slowloris, slow readers and deep pipelining against a real broker on port 0: routing decisions
 * stay fast while they run, and the broker drops them at its configured limits. Times are generous
 * bounds (the machine is shared), never the measure of anything.
 */
class HostileClientsTest {
  private static final Duration DECISION_BOUND = Duration.ofSeconds(5);
  private static final int EDGES = 100;

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final SSLContext OPERATOR_TLS = TestBroker.CREDS.operatorTls();
  private final HostileClients hostile = new HostileClients();
  private BrokerServer broker;

  private void start(String maxPipelined, int edges) throws Exception {
    broker =
        BrokerServer.start(
            TestBroker.config(
                Map.of(
                    "broker.probe-interval",
                    "0s",
                    "broker.heartbeat-timeout",
                    "60s",
                    "broker.limits.header-timeout",
                    "1s",
                    "broker.limits.idle-timeout",
                    "2s",
                    "broker.limits.write-timeout",
                    "1s",
                    "broker.limits.max-pipelined",
                    maxPipelined,
                    "broker.limits.max-connections",
                    "400")));
    TestBroker calls = new TestBroker(broker);
    for (int i = 0; i < edges; i++) {
      assertThat(
              calls
                  .register("edge-" + i, "http://127.0.0.1:" + (20_000 + i), "site-a")
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @AfterEach
  void stop() {
    hostile.close();
    if (broker != null) broker.close();
  }

  @Test
  void slowloris_decisionsStayFast_andHeadsAreDroppedAtTheHeaderTimeout() throws Exception {
    start("16", 3);
    hostile.slowloris(broker.port(), 200);
    Await.until(
        Duration.ofSeconds(10), "200 slow connections open", () -> broker.limits().open() >= 200);

    assertDecisionFast();

    Await.until(
        Duration.ofSeconds(15),
        "the slow heads dropped",
        () -> broker.limits().count(LimitHit.HEADER_TIMEOUT) >= 200);
    assertThat(hostile.closedByServer()).isEqualTo(200);
  }

  @Test
  void slowReaders_decisionsStayFast_andAreDroppedAtTheWriteTimeout() throws Exception {
    // 100 listings of 100 edges, about 2.5 MB each: more than the kernel buffers of a connection
    // that reads nothing
    start("100", EDGES);
    // (the listing is on the control listener: an operator's connection, over TLS, that stops
    // reading)
    List<Socket> readers =
        List.of(
            hostile.slowReader(OPERATOR_TLS, broker.controlPort(), "/api/edges", 100, admin()),
            hostile.slowReader(OPERATOR_TLS, broker.controlPort(), "/api/edges", 100, admin()));

    assertDecisionFast();

    Await.until(
        Duration.ofSeconds(15),
        "both slow readers dropped",
        () -> broker.controlLimits().count(LimitHit.WRITE_TIMEOUT) >= 2);
    // Over TLS a read drains what was buffered before it meets the reset, possibly over several
    // calls.
    Await.until(
        Duration.ofSeconds(15),
        "both slow readers' connections closed",
        () -> readers.stream().allMatch(HostileClients::closedByServer));
  }

  @Test
  void deepPipelining_isAnsweredInOrderUpToTheCap_thenA503AndClose() throws Exception {
    start("16", 3);
    // a route answered on a virtual thread: the requests decoded meanwhile wait their turn
    Socket socket =
        hostile.pipeline(OPERATOR_TLS, broker.controlPort(), "/api/edges", 200, admin());

    List<RawResponse> responses = HostileClients.readResponses(socket, 300);

    assertThat(responses).hasSize(1 + 16 + 1);
    RawResponse refused = responses.getLast();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(new String(refused.body())).contains("\"error\":\"too_many_pipelined\"");
    assertThat(responses.subList(0, responses.size() - 1))
        .extracting(RawResponse::status)
        .containsOnly(200);
    Set<String> listings =
        responses.subList(0, responses.size() - 1).stream()
            .map(r -> new String(r.body()))
            .collect(Collectors.toSet());
    assertThat(listings).hasSize(1).allSatisfy(l -> assertThat(l).contains("\"edge-2\""));
    assertThat(HostileClients.closedByServer(socket)).isTrue();
    assertThat(broker.controlLimits().count(LimitHit.MAX_PIPELINED)).isEqualTo(1);
    assertThat(broker.limits().count(LimitHit.MAX_PIPELINED))
        .as("the viewer listener counts its own")
        .isZero();
  }

  private void assertDecisionFast() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> play = send(HttpRequest.newBuilder(uri("/play/abc123")).GET());
    assertThat(play.statusCode()).isEqualTo(302);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DECISION_BOUND);
  }

  private static String admin() {
    return "Bearer " + TestBroker.CREDS.token(OperatorRole.ADMIN);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + broker.port() + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
