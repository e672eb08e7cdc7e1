package org.telcocdn.cache.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicasTest {
  private static final List<String> SITE = List.of("e1", "e2", "e3", "e4", "e5");

  @Test
  void replicas_areFactorMinusOne_otherThanTheHolder_andTheSameInAnyOrder() {
    List<String> chosen = Replicas.of("title-1", "e1", SITE, 3);
    assertThat(chosen).hasSize(2).doesNotContain("e1");
    List<String> shuffled = new ArrayList<>(SITE);
    java.util.Collections.reverse(shuffled);
    assertThat(Replicas.of("title-1", "e1", shuffled, 3)).isEqualTo(chosen);
    assertThat(Replicas.of("title-1", "e1", SITE, 1)).isEmpty();
  }

  @Test
  void anEdgeLeaving_movesOnlyTheTitlesItWon() {
    int moved = 0;
    List<String> fewer = SITE.subList(0, 4); // e5 leaves
    for (int i = 0; i < 500; i++) {
      String title = "title-" + i;
      List<String> before = Replicas.of(title, "e1", SITE, 2);
      List<String> after = Replicas.of(title, "e1", fewer, 2);
      if (!before.equals(after)) {
        assertThat(before).containsExactly("e5");
        moved++;
      }
    }
    assertThat(moved).isBetween(50, 200); // about a quarter of the titles had e5 as their replica
  }

  @Test
  void titles_spreadOverTheSite() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4000; i++)
      counts.merge(Replicas.of("t" + i, "e1", SITE, 2).getFirst(), 1, Integer::sum);
    assertThat(counts).containsOnlyKeys("e2", "e3", "e4", "e5");
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
  }

  @Test
  void assignedEdges_comeFirst_andRendezvousFillsTheRest() {
    List<String> byWeight = Replicas.of("title-7", "e1", SITE, 5);
    String last = byWeight.getLast();

    assertThat(Replicas.of("title-7", "e1", SITE, 2, List.of(last))).containsExactly(last);
    assertThat(Replicas.of("title-7", "e1", SITE, 3, List.of(last)))
        .containsExactly(last, byWeight.getFirst());
    assertThat(Replicas.of("title-7", "e1", SITE, 2, List.of("elsewhere", "e1")))
        .isEqualTo(Replicas.of("title-7", "e1", SITE, 2));
  }
}
