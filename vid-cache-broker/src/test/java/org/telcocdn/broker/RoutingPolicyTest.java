package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The comparison policies' orders: each a permutation of the tier; rendezvous with minimal
 * disruption.
 */
class RoutingPolicyTest {
  private static final Set<String> EIGHT =
      new TreeSet<>(List.of("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"));

  @Test
  void everyPolicyOrdersEveryMemberExactlyOnce() {
    BoundedLoadRing ring = BoundedLoadRing.of(EIGHT, 64);
    for (RoutingPolicy policy : RoutingPolicy.values()) {
      List<String> order = policy.order("title-1", ring, Map.of("e3", 5L), 7);
      assertThat(order).as(policy.label()).hasSize(8).containsExactlyInAnyOrderElementsOf(EIGHT);
    }
  }

  @Test
  void rendezvousMovesOnlyTheRemovedEdgesTitles() {
    BoundedLoadRing before = BoundedLoadRing.of(EIGHT, 1);
    Set<String> seven = new LinkedHashSet<>(EIGHT);
    seven.remove("e5");
    BoundedLoadRing after = BoundedLoadRing.of(seven, 1);
    int moved = 0;
    for (int i = 0; i < 8000; i++) {
      String first = RoutingPolicy.RENDEZVOUS.order("t" + i, before, Map.of(), 0).getFirst();
      String then = RoutingPolicy.RENDEZVOUS.order("t" + i, after, Map.of(), 0).getFirst();
      if (first.equals(then)) continue;
      assertThat(first).isEqualTo("e5");
      moved++;
    }
    assertThat(moved / 8000.0).isBetween(0.125 * 0.8, 0.125 * 1.2);
  }

  @Test
  void leastConnectionsPutsTheLeastLoadedFirstAndRoundRobinRotates() {
    BoundedLoadRing ring = BoundedLoadRing.of(EIGHT, 1);
    Map<String, Long> loads =
        Map.of("e1", 3L, "e2", 1L, "e3", 2L, "e4", 4L, "e5", 5L, "e6", 6L, "e7", 7L, "e8", 0L);
    assertThat(RoutingPolicy.LEAST_CONNECTIONS.order("t", ring, loads, 0))
        .startsWith("e8", "e2", "e3");
    assertThat(RoutingPolicy.ROUND_ROBIN.order("t", ring, loads, 0).getFirst()).isEqualTo("e1");
    assertThat(RoutingPolicy.ROUND_ROBIN.order("t", ring, loads, 9).getFirst()).isEqualTo("e2");
  }
}
