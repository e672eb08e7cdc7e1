package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;

/**
 * The mid-tier caches of {@code broker.tier-caches} get every invalidation as registered edges do,
 * without registering (no viewer is routed to them).
 */
class TierCacheInvalidationTest {
  private final RecordingEdge regional1 = new RecordingEdge("regional-1");
  private final RecordingEdge regional2 = new RecordingEdge("regional-2", 1); // refuses once
  private final RecordingEdge edge = new RecordingEdge("edge-1");
  private final BrokerServer broker =
      BrokerServer.start(
          TestBroker.config(
              Map.of(
                  "broker.tier-caches",
                  "regional-1="
                      + regional1.controlUrl()
                      + ", regional-2="
                      + regional2.controlUrl())));
  private final TestBroker calls = new TestBroker(broker);

  @AfterEach
  void stop() {
    broker.close();
    List.of(regional1, regional2, edge).forEach(RecordingEdge::close);
  }

  @Test
  void anInvalidationReachesTheTierCachesAsWellAsTheEdges() throws Exception {
    assertThat(calls.register(edge.name, edge.url(), edge.controlUrl(), "site-a").statusCode())
        .isEqualTo(200);
    // Not registered: a viewer is never sent to a tier cache (asked before the edge, which sends
    // no heartbeats, goes DOWN).
    assertThat(calls.play("/play/abc123").headers().firstValue("Location").orElseThrow())
        .startsWith(edge.url() + "/");

    HttpResponse<String> r =
        calls.as(
            ServiceIdentity.of(ServiceRoles.METADATA, "vid-metadata"),
            "POST",
            "/api/invalidations",
            "{\"videoId\":\"abc123\",\"reason\":\"deleted\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode answer = Json.MAPPER.readTree(r.body());
    assertThat(answer.path("edges").asInt()).isEqualTo(1);
    assertThat(answer.path("tierCaches").asInt()).isEqualTo(2);
    Await.until(
        Duration.ofSeconds(5),
        "the edge and both regional caches invalidated (regional-2 on the retry)",
        () ->
            List.of(edge, regional1, regional2).stream()
                .allMatch(c -> c.invalidations().size() == 1));
    assertThat(regional1.invalidations().getFirst().path("videoId").asText()).isEqualTo("abc123");
    assertThat(regional1.invalidations().getFirst().path("reason").asText()).isEqualTo("deleted");
  }

  @Test
  void theTierCachesSettingIsCheckedAtStartUp() {
    assertThat(TierCache.parseList("")).isEmpty();
    assertThat(TierCache.parseList("regional-1=https://10.200.11.10:7101"))
        .containsExactly(new TierCache("regional-1", "https://10.200.11.10:7101"));
    assertThatThrownBy(() -> TierCache.parseList("https://10.200.11.10:7101"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker.tier-caches must be name=https://host:port");
    assertThatThrownBy(() -> TierCache.parseList("regional-1=http://10.200.11.10:8101"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("its control listener, https://host:port");
    assertThatThrownBy(() -> TierCache.parseList("r=https://10.0.0.1:7101,r=https://10.0.0.2:7101"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("names a cache twice");
  }
}
