package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.TestClock;

class SessionLoadTest {
  private final TestClock clock = TestClock.manual();
  private final SessionLoad sessions = new SessionLoad(Duration.ofSeconds(30), clock);

  @Test
  void aSessionCountsOnceHoweverManySegmentsItAsksFor() {
    for (int i = 0; i < 20; i++) sessions.record("10.0.0.1", "abc", "edge-1");
    sessions.record("10.0.0.2", "abc", "edge-1");
    assertThat(sessions.counts()).containsEntry("edge-1", 2L);
  }

  @Test
  void aSessionMovedToAnotherEdgeCountsThereOnly() {
    sessions.record("10.0.0.1", "abc", "edge-1");
    sessions.record("10.0.0.1", "abc", "edge-2");
    assertThat(sessions.counts()).isEqualTo(Map.of("edge-1", 0L, "edge-2", 1L));
    assertThat(sessions.currentEdge("10.0.0.1", "abc")).isEqualTo("edge-2");
  }

  @Test
  void idleSessionsAreForgottenAfterTheWindow() {
    sessions.record("10.0.0.1", "abc", "edge-1");
    clock.advance(Duration.ofSeconds(20));
    sessions.record("10.0.0.2", "abc", "edge-1");
    clock.advance(Duration.ofSeconds(11));
    assertThat(sessions.currentEdge("10.0.0.1", "abc")).isNull();
    sessions.sweep();
    assertThat(sessions.counts()).containsEntry("edge-1", 1L);
  }

  @Test
  void routerSpreadsManyViewersOfOneTitleWithinTheBound() {
    EdgeRegistry registry = new EdgeRegistry(Duration.ofSeconds(3), clock);
    for (int i = 0; i < 4; i++) {
      registry.register(new EdgeRegistration("edge-" + i, "http://127.0.0.1:1", "site-a", 0L));
    }
    EdgeRouter router =
        new EdgeRouter(
            registry,
            sessions,
            new BrokerConfig("127.0.0.1", 0, Duration.ofSeconds(3), 1.25, 160, 2, 1));
    for (int viewer = 0; viewer < 100; viewer++) router.route("hit-title", "10.0.1." + viewer);
    assertThat(sessions.counts().values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(32L));
    // The same viewer asking again stays where they are.
    String edge = sessions.currentEdge("10.0.1.7", "hit-title");
    assertThat(router.route("hit-title", "10.0.1.7"))
        .get()
        .extracting(d -> d.edge().name())
        .isEqualTo(edge);
  }
}
