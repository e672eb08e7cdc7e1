package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

/**
 * The broker's own probes of an edge whose viewer listener serves HTTPS with a certificate of a
 * demo viewer CA ({@code cdn up --viewer-https}): with {@code broker.probe-ca} naming that CA the
 * edge stays UP and players are sent to it; with the JDK's trust store alone every probe is a miss
 * and the edge goes DOWN.
 */
class BrokerProbeTlsTest {
  private static final TestCredentials CREDS = TestBroker.CREDS;

  private final AtomicInteger probes = new AtomicInteger();
  private final HttpServer edge = httpsEdge();
  private BrokerServer broker;

  @AfterEach
  void stop() {
    if (broker != null) broker.close();
    edge.close();
  }

  @Test
  void withTheViewerCa_anHttpsEdgeStaysUpAndPlayersAreSentToIt() {
    TestBroker calls = start(Map.of("broker.probe-ca", CREDS.viewerCaCert().toString()));

    Await.until(Duration.ofSeconds(20), "three probes of the edge", () -> probes.get() >= 3);

    var play = calls.play("/play/abc123");
    assertThat(play.statusCode()).as(play.body()).isEqualTo(302);
    assertThat(play.headers().firstValue("Location").orElseThrow())
        .startsWith(edge.url() + "/videos/abc123/");
  }

  @Test
  void withoutIt_theProbesMissAndTheEdgeGoesDown() {
    TestBroker calls = start(Map.of());

    Await.until(
        Duration.ofSeconds(20),
        "the edge to be DOWN",
        () -> calls.play("/play/abc123").statusCode() == 503);

    assertThat(probes.get()).as("no probe completed a request").isZero();
  }

  private TestBroker start(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("broker.probe-interval", "100ms");
    settings.put("broker.probe-timeout", "2s");
    settings.put("broker.probe-misses", "1");
    broker = BrokerServer.start(TestBroker.config(settings));
    TestBroker calls = new TestBroker(broker);
    assertThat(calls.register("edge-1", edge.url(), "site-a").statusCode()).isEqualTo(200);
    return calls;
  }

  /** An edge's viewer listener over HTTPS, counting the broker's {@code /health} probes. */
  private HttpServer httpsEdge() {
    Map<String, String> settings = new HashMap<>(CREDS.settings(ServiceRoles.EDGE, "edge-1"));
    settings.putAll(CREDS.viewerTlsSettings());
    ServiceSecurity security =
        ServiceSecurity.load(SecurityConfig.from(Settings.of(settings)), "fake-edge");
    return HttpServer.builder("fake-edge")
        .viewer("127.0.0.1", 0)
        .control("127.0.0.1", 0, security)
        .health(
            () -> {
              probes.incrementAndGet();
              return Health.up();
            })
        .start();
  }
}
