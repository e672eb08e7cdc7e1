package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.TestClock;

/**
 * Overflow to the cloud tier (docs/continuum.md): a real broker with a test clock, fake edges and a
 * fake cloud cache that are real servers on port 0. A site whose edges and neighbours all report
 * duress sends new sessions to the cloud tier's viewer listener, saying so, and gets them back only
 * after it has been usable for {@code broker.overflow.recover-after}.
 */
class CloudOverflowTest {
  private static final String SITE_A = "site-a";
  private final TestClock clock = TestClock.manual();
  private final RecordingEdge a1 = new RecordingEdge("a1");
  private final RecordingEdge b1 = new RecordingEdge("b1");
  private final RecordingEdge cloud = new RecordingEdge("cloud-tier-1");
  private final BrokerServer broker =
      BrokerServer.start(
          TestBroker.config(
              Map.of(
                  "broker.probe-interval", "0s",
                  // the test clock jumps by seconds; heartbeats are sent by hand
                  "broker.heartbeat-timeout", "10m",
                  "broker.site-latencies", "site-a/site-b=5ms",
                  "broker.cloud-tier", "cloud-tier-1=" + cloud.url(),
                  "broker.cloud-tier-site", "cloud-1",
                  "broker.overflow.recover-after", "10s")),
          clock);
  private final TestBroker calls = new TestBroker(broker);

  @AfterEach
  void stop() {
    broker.close();
    a1.close();
    b1.close();
    cloud.close();
  }

  @Test
  void aSaturatedSiteAndItsNeighboursOverflowToTheCloud_andComeBackAfterTheHysteresis() {
    register(a1, SITE_A);
    register(b1, "site-b");
    assertThat(route("p1").path("reason").asText()).isEqualTo("local-site,consistent-hash");

    beat(a1, SITE_A, true);
    JsonNode neighbour = route("p2");
    assertThat(neighbour.path("edge").path("name").asText())
        .as("a fallback site still has room: no overflow")
        .isEqualTo("b1");

    beat(b1, "site-b", true);
    JsonNode overflowed = route("p3");
    assertThat(overflowed.path("reason").asText()).isEqualTo("overflow-cloud:site-a");
    assertThat(overflowed.path("edge").path("name").asText()).isEqualTo("cloud-tier-1");
    assertThat(overflowed.path("edge").path("site").asText()).isEqualTo("cloud-1");
    assertThat(overflowed.path("edge").path("masterUrl").asText())
        .isEqualTo(cloud.url() + "/videos/abc123/master.m3u8");
    assertThat(overflowed.path("alternates").findValuesAsText("name"))
        .as("the saturated edges, for a player that cannot reach the cloud")
        .containsExactlyInAnyOrder("a1", "b1");
    HttpResponse<String> play = calls.play("/play/abc123", Map.of("X-Client-Site", SITE_A));
    assertThat(play.statusCode()).isEqualTo(302);
    assertThat(play.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).startsWith(cloud.url() + "/videos/abc123/"));
    assertThat(play.headers().firstValue("X-Route-Reason")).contains("overflow-cloud:site-a");

    // site-a recovers; new sessions and the overflowed one stay in the cloud for 10 s
    beat(a1, SITE_A, false);
    beat(b1, "site-b", false);
    assertThat(route("p4").path("reason").asText()).isEqualTo("overflow-cloud:site-a");
    later(Duration.ofSeconds(6));
    assertThat(route("p3").path("edge").path("name").asText()).isEqualTo("cloud-tier-1");
    later(Duration.ofSeconds(5));
    JsonNode back = route("p3");
    assertThat(back.path("edge").path("name").asText()).isEqualTo("a1");
    assertThat(back.path("reason").asText()).isEqualTo("local-site,consistent-hash");
    assertThat(route("p5").path("edge").path("name").asText()).isEqualTo("a1");
  }

  @Test
  void saturationDuringRecoveryRestartsTheHysteresis() {
    register(a1, SITE_A);
    beat(a1, SITE_A, true);
    assertThat(route("p1").path("reason").asText())
        .as("no neighbour registered: every edge of the site in duress")
        .isEqualTo("overflow-cloud:site-a");
    beat(a1, SITE_A, false);
    assertThat(route("p2").path("reason").asText()).isEqualTo("overflow-cloud:site-a");
    later(Duration.ofSeconds(8));
    beat(a1, SITE_A, true); // the site tips over again before the 10 s are up
    assertThat(route("p3").path("reason").asText()).isEqualTo("overflow-cloud:site-a");
    beat(a1, SITE_A, false);
    route("p4"); // the recovery starts again here
    later(Duration.ofSeconds(8));
    assertThat(route("p5").path("reason").asText())
        .as("16 s after the first recovery, 8 s after the second")
        .isEqualTo("overflow-cloud:site-a");
    later(Duration.ofSeconds(3));
    assertThat(route("p6").path("edge").path("name").asText()).isEqualTo("a1");
    assertThat(broker.router().overflow().sites()).isEmpty();
  }

  @Test
  void aClientOfNoKnownSiteOverflowsOnlyWhenEveryEdgeIsInDuress_andClientSitesAddNoState() {
    register(a1, SITE_A);
    register(b1, "site-b");
    beat(a1, SITE_A, true);
    assertThat(route("p1", null).path("edge").path("name").asText()).isEqualTo("b1");
    beat(b1, "site-b", true);
    assertThat(route("p2", null).path("reason").asText()).isEqualTo("overflow-cloud");
    assertThat(route("p3", "no-such-site").path("reason").asText()).isEqualTo("overflow-cloud");
    assertThat(broker.router().overflow().sites()).containsExactly("");
  }

  @Test
  void badCloudTierSettingsFailWithTheKeyAndTheRule() {
    assertThatThrownBy(() -> cloudTier("cloud-tier-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker.cloud-tier must be name=http(s)://host:port");
    assertThatThrownBy(() -> cloudTier("c=ftp://10.0.0.1:8101"))
        .hasMessageContaining("a cache's URL is its viewer listener, http(s)://host:port");
    assertThatThrownBy(() -> cloudTier("c=http://a:1,c=http://b:2"))
        .hasMessageContaining("names a cache twice");
    assertThat(cloudTier("").enabled()).isFalse();
  }

  private static CloudTierConfig cloudTier(String spec) {
    return CloudTierConfig.from(Settings.of(Map.of("broker.cloud-tier", spec)));
  }

  private void register(RecordingEdge edge, String site) {
    assertThat(calls.register(edge.name, edge.url(), edge.controlUrl(), site).statusCode())
        .isEqualTo(200);
  }

  private void beat(RecordingEdge edge, String site, boolean duress) {
    HttpResponse<String> r =
        calls.as(
            TestBroker.edge(edge.name, site),
            "POST",
            "/api/edges/" + edge.name + "/heartbeat",
            "{\"duress\":" + duress + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** Time passes. */
  private void later(Duration d) {
    clock.advance(d);
  }

  private JsonNode route(String session) {
    return route(session, SITE_A);
  }

  private JsonNode route(String session, String site) {
    HttpResponse<String> r =
        calls.play(
            "/api/route/abc123?sid=" + session,
            site == null ? Map.of() : Map.of("X-Client-Site", site));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
