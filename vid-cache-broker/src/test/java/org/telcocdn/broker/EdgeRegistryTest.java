package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.testkit.TestClock;

class EdgeRegistryTest {
  private final TestClock clock = TestClock.manual();
  private final EdgeRegistry registry = new EdgeRegistry(Duration.ofSeconds(3), clock);
  private final EdgeRouter router =
      new EdgeRouter(
          registry,
          new SessionLoad(Duration.ofSeconds(30), clock),
          new BrokerConfig("127.0.0.1", 0, Duration.ofSeconds(3), 1.25, 160, 2, 1));

  @Test
  void upAfterRegister() {
    registry.register(registration("edge-1"));
    assertThat(state("edge-1")).isEqualTo(EdgeState.UP);
    assertThat(router.route("abc", "c1"))
        .get()
        .extracting(d -> d.edge().name())
        .isEqualTo("edge-1");
  }

  @Test
  void downAfterTimeoutWithoutHeartbeatThenUpAgainAfterOne() {
    registry.register(registration("edge-1"));
    clock.advance(Duration.ofMillis(3001));
    assertThat(state("edge-1")).isEqualTo(EdgeState.DOWN);
    assertThat(router.route("abc", "c1")).isEmpty();

    registry.heartbeat("edge-1", new EdgeLoad(0, 0, 0, 100, false));
    assertThat(state("edge-1")).isEqualTo(EdgeState.UP);
    assertThat(router.route("abc", "c1")).isPresent();
  }

  @Test
  void lazyCheckTakesASilentEdgeOffTheRingBeforeAnySweep() {
    registry.register(registration("edge-1"));
    registry.register(registration("edge-2"));
    clock.advance(Duration.ofSeconds(2));
    registry.heartbeat("edge-2", new EdgeLoad(0, 0, 0, 100, false));
    clock.advance(Duration.ofSeconds(2));
    for (int i = 0; i < 50; i++) {
      assertThat(router.route("video-" + i, "c1"))
          .get()
          .extracting(d -> d.edge().name())
          .isEqualTo("edge-2");
    }
    assertThat(registry.edge("edge-1")).get().extracting(Edge::state).isEqualTo(EdgeState.DOWN);
  }

  @Test
  void drainingEdgeGetsNoNewSessions() {
    registry.register(registration("edge-1"));
    registry.register(registration("edge-2"));
    registry.heartbeat("edge-1", new EdgeLoad(5, 0, 0, 100, true));
    assertThat(state("edge-1")).isEqualTo(EdgeState.DRAINING);
    for (int i = 0; i < 50; i++) {
      RouteDecision d = router.route("video-" + i, "c" + i).orElseThrow();
      assertThat(d.edge().name()).isEqualTo("edge-2");
      assertThat(d.alternates()).isEmpty();
    }
    registry.heartbeat("edge-2", new EdgeLoad(5, 0, 0, 100, true));
    assertThat(router.route("abc", "c1")).isEmpty();
  }

  @Test
  void deleteRemoves() {
    registry.register(registration("edge-1"));
    assertThat(registry.remove("edge-1")).isTrue();
    assertThat(registry.edges()).isEmpty();
    assertThat(router.route("abc", "c1")).isEmpty();
    assertThat(registry.remove("edge-1")).isFalse();
  }

  @Test
  void heartbeatOfUnknownEdgeIsEmpty() {
    assertThat(registry.heartbeat("ghost", new EdgeLoad(0, 0, 0, 0, false))).isEmpty();
  }

  @Test
  void everyStateChangeIsReportedOnce() {
    List<String> changes = new ArrayList<>();
    registry.onStateChange((edge, from, to) -> changes.add(edge + ":" + from + "->" + to));
    registry.register(registration("edge-1"));
    registry.heartbeat("edge-1", new EdgeLoad(0, 0, 0, 100, false));
    registry.heartbeat("edge-1", new EdgeLoad(0, 0, 0, 100, true));
    clock.advance(Duration.ofSeconds(4));
    registry.sweep();
    registry.sweep();
    registry.remove("edge-1");
    assertThat(changes)
        .containsExactly(
            "edge-1:null->UP", "edge-1:UP->DRAINING", "edge-1:DRAINING->DOWN", "edge-1:DOWN->null");
  }

  @Test
  void registrationIsValidatedWithTheFieldNamed() {
    assertThatThrownBy(() -> new EdgeRegistration("bad name", "http://x", "site-a", 1L).validated())
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> new EdgeRegistration("edge-1", "ftp://x", "site-a", 1L).validated())
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("url");
    assertThatThrownBy(() -> new EdgeRegistration("edge-1", "not a url", "site-a", 1L).validated())
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("url");
    assertThatThrownBy(() -> new EdgeRegistration("edge-1", "http://x", null, 1L).validated())
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("site");
    assertThatThrownBy(() -> new EdgeRegistration("edge-1", "http://x", "site-a", -1L).validated())
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("diskCapacityBytes");
    assertThat(new EdgeRegistration("edge-1", "http://x:1/", "site-a", 1L).validated().url())
        .isEqualTo("http://x:1");
  }

  private EdgeState state(String name) {
    return registry.edges().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow()
        .state();
  }

  private static EdgeRegistration registration(String name) {
    return new EdgeRegistration(name, "http://127.0.0.1:1/" + name, "site-a", 1000L).validated();
  }
}
