package org.telcocdn.cache.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteAllocatorTest {
  private static final List<TitleDemand> TITLES =
      List.of(
          new TitleDemand("h", 1000, 600, 20, 10), // hottest: the head
          new TitleDemand("m", 100, 60, 50, 10), // prefix density 6, rest 40/40 = 1
          new TitleDemand("c", 5, 5, 10, 10), // a clip: its prefix is all of it, density 0.5
          new TitleDemand("t", 10, 8, 100, 20), // prefix density 0.4, rest 2/80
          new TitleDemand("big", 2, 1, 500, 90), // prefix density 1/90
          new TitleDemand("z", 0, 0, 10, 10)); // no requests: not planned at all

  @Test
  void oneEdge_headThenDensityOrderUntilFull() {
    SitePlan plan =
        new SiteAllocator(new AllocationSettings(0.2, 15))
            .allocate("s", List.of(new EdgeSlot("a", 100)), TITLES);
    // head h (20 of the 20 % budget), then m's prefix 10 and rest 40, c 10, t's prefix 20: 100
    // bytes; t's rest and big do not fit.
    assertThat(reasons(plan))
        .containsExactly(
            Map.entry("h", PlacementReason.HEAD_REPLICATED),
            Map.entry("m", PlacementReason.OWNER_WHOLE),
            Map.entry("c", PlacementReason.OWNER_WHOLE),
            Map.entry("t", PlacementReason.OWNER_PREFIX),
            Map.entry("big", PlacementReason.NO_ROOM));
    EdgePlan a = plan.edge("a");
    assertThat(a.plannedBytes()).isEqualTo(100);
    assertThat(a.whole()).containsExactly("h", "m", "c");
    assertThat(a.prefix()).containsExactly("t");
    assertThat(a.elsewhere()).isEmpty();
    assertThat(plan.duplicatedBytes()).isZero();
  }

  @Test
  void twoEdges_headOnBothEverythingElseOwnedOnce() {
    List<EdgeSlot> edges = List.of(new EdgeSlot("a", 100), new EdgeSlot("b", 100));
    SitePlan plan = new SiteAllocator(new AllocationSettings(0.2, 15)).allocate("s", edges, TITLES);
    EdgePlan a = plan.edge("a");
    EdgePlan b = plan.edge("b");
    // h: whole on its owner, its prefix (10 bytes) on the other
    assertThat(a.whole().contains("h") ^ b.whole().contains("h")).isTrue();
    assertThat(a.prefix().contains("h") ^ b.prefix().contains("h")).isTrue();
    assertThat(plan.duplicatedBytes())
        .isEqualTo(plan.titles().stream().mapToLong(TitlePlacement::copyBytes).sum());
    assertThat(plan.titles().getFirst())
        .isEqualTo(
            new TitlePlacement(
                "h",
                PlacementReason.HEAD_REPLICATED,
                a.whole().contains("h") ? "a" : "b",
                20,
                10,
                1000));
    Map<String, PlacementReason> reasons = new HashMap<>();
    plan.titles().forEach(t -> reasons.put(t.title(), t.reason()));
    assertThat(reasons.get("big")).isEqualTo(PlacementReason.NO_ROOM);
    for (String title : List.of("m", "c", "t", "big")) {
      // a planned title is on its owner's lists and the other's elsewhere; one without room only on
      // the other's elsewhere
      assertThat(told(a, title) + told(b, title))
          .as(title)
          .isEqualTo(reasons.get(title) == PlacementReason.NO_ROOM ? 1 : 2);
      if (reasons.get(title) == PlacementReason.HEAD_REPLICATED) continue;
      assertThat(a.elsewhere().contains(title) ^ b.elsewhere().contains(title))
          .as(title + " elsewhere on one edge")
          .isTrue();
    }
    assertThat(a.plannedBytes()).isLessThanOrEqualTo(100);
    assertThat(b.plannedBytes()).isLessThanOrEqualTo(100);
    assertThat(plan.titles()).extracting(TitlePlacement::title).doesNotContain("z");
  }

  @Test
  void noHeadShare_nothingReplicated() {
    SitePlan plan =
        new SiteAllocator(new AllocationSettings(0, 15))
            .allocate("s", List.of(new EdgeSlot("a", 100), new EdgeSlot("b", 100)), TITLES);
    assertThat(plan.titlesPerReason().get(PlacementReason.HEAD_REPLICATED)).isZero();
    assertThat(plan.duplicatedBytes()).isZero();
  }

  @Test
  void rendezvous_sharesFollowCapacityAndALeavingEdgeMovesOnlyItsTitles() {
    List<EdgeSlot> edges =
        List.of(new EdgeSlot("a", 1), new EdgeSlot("b", 3), new EdgeSlot("c", 4));
    Map<String, Integer> wins = new HashMap<>();
    Map<String, String> before = new HashMap<>();
    for (int i = 0; i < 8000; i++) {
      String owner = Rendezvous.rank("title-" + i, edges).getFirst().name();
      wins.merge(owner, 1, Integer::sum);
      before.put("title-" + i, owner);
    }
    assertThat(wins.get("a")).isBetween(800, 1200);
    assertThat(wins.get("b")).isBetween(2700, 3300);
    List<EdgeSlot> without = List.of(edges.get(1), edges.get(2));
    for (var e : before.entrySet()) {
      String after = Rendezvous.rank(e.getKey(), without).getFirst().name();
      if (!e.getValue().equals("a")) assertThat(after).isEqualTo(e.getValue());
    }
  }

  private static int told(EdgePlan plan, String title) {
    return (plan.whole().contains(title) ? 1 : 0)
        + (plan.prefix().contains(title) ? 1 : 0)
        + (plan.elsewhere().contains(title) ? 1 : 0);
  }

  private static List<Map.Entry<String, PlacementReason>> reasons(SitePlan plan) {
    List<Map.Entry<String, PlacementReason>> out = new ArrayList<>();
    for (TitlePlacement t : plan.titles()) out.add(Map.entry(t.title(), t.reason()));
    return out;
  }
}
