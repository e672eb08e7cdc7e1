package org.telcocdn.controller.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.allocation.AllocationSettings;
import org.telcocdn.cache.allocation.EdgeSlot;
import org.telcocdn.cache.allocation.PlacementReason;
import org.telcocdn.cache.allocation.SiteAllocator;
import org.telcocdn.cache.allocation.SitePlan;
import org.telcocdn.cache.allocation.TitleDemand;
import org.telcocdn.testkit.TestClock;

/**
 * An alarm ranks its title first in its site's allocation for a bounded time: with the real {@link
 * SiteAllocator}, the title lands in the site's head (its first segments on every edge), then the
 * plan goes back to the observed demand.
 */
class SpikeBoostsTest {
  private static final long MB = 1L << 20;
  private final TestClock clock = TestClock.manual();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SpikeBoosts boosts = new SpikeBoosts(Duration.ofMinutes(30), clock, registry);
  private final SiteAllocator allocator = new SiteAllocator(new AllocationSettings(0.1, 15));
  private final List<EdgeSlot> edges =
      List.of(new EdgeSlot("edge-1", 1000 * MB), new EdgeSlot("edge-2", 1000 * MB));

  /** Popular titles of 40 MB (4 MB prefix) and a rarely watched one, "rare". */
  private final List<TitleDemand> observed =
      List.of(
          new TitleDemand("hit-1", 9000, 6000, 40 * MB, 4 * MB),
          new TitleDemand("hit-2", 8000, 6000, 40 * MB, 4 * MB),
          new TitleDemand("hit-3", 7000, 6000, 40 * MB, 4 * MB),
          new TitleDemand("rare", 3, 3, 40 * MB, 4 * MB));

  private static final BiFunction<String, Long, Optional<TitleDemand>> CATALOG =
      (title, requests) ->
          title.equals("unknown")
              ? Optional.empty()
              : Optional.of(new TitleDemand(title, requests, requests * 0.7, 40 * MB, 4 * MB));

  private double count(BoostOutcome o) {
    return registry.counter("controller_predict_boosts", "outcome", o.label()).count();
  }

  private PlacementReason placed(SitePlan plan, String title) {
    return plan.titles().stream()
        .filter(t -> t.title().equals(title))
        .findFirst()
        .orElseThrow()
        .reason();
  }

  @Test
  void aBoostedTitleJoinsTheSitesHeadUntilTheBoostEnds() {
    SitePlan before = allocator.allocate("site-a", edges, observed);
    assertThat(placed(before, "rare")).isNotEqualTo(PlacementReason.HEAD_REPLICATED);

    boosts.raise("site-a", "rare", "spike probability 0.9 >= threshold 0.65");
    List<TitleDemand> demands = boosts.apply("site-a", observed, CATALOG);
    assertThat(demands.stream().filter(d -> d.title().equals("rare")).findFirst().orElseThrow())
        .satisfies(d -> assertThat(d.requests()).isEqualTo(9001))
        .satisfies(d -> assertThat(d.prefixRequests()).isEqualTo(9001));
    SitePlan boosted = allocator.allocate("site-a", edges, demands);
    assertThat(placed(boosted, "rare")).isEqualTo(PlacementReason.HEAD_REPLICATED);
    assertThat(boosted.edges())
        .allSatisfy(
            e -> assertThat(e.whole().contains("rare") || e.prefix().contains("rare")).isTrue());
    assertThat(boosts.apply("site-b", observed, CATALOG))
        .as("another site's allocation is untouched")
        .isSameAs(observed);

    clock.advance(Duration.ofMinutes(31));
    assertThat(boosts.apply("site-a", observed, CATALOG)).isSameAs(observed);
    assertThat(count(BoostOutcome.RAISED)).isEqualTo(1);
    assertThat(count(BoostOutcome.APPLIED)).isEqualTo(1);
  }

  @Test
  void aTitleTheSiteHasNotRequestedYetIsAddedFromTheCatalogOrCountedWithoutASize() {
    boosts.raise("site-a", "new-release", "r");
    boosts.raise("site-a", "unknown", "r");
    boosts.raise("site-a", "new-release", "r"); // extended, one boost
    List<TitleDemand> demands = boosts.apply("site-a", observed, CATALOG);
    assertThat(demands)
        .extracting(TitleDemand::title)
        .contains("new-release")
        .doesNotContain("unknown");
    assertThat(placed(allocator.allocate("site-a", edges, demands), "new-release"))
        .isEqualTo(PlacementReason.HEAD_REPLICATED);
    assertThat(count(BoostOutcome.ADDED)).isEqualTo(1);
    assertThat(count(BoostOutcome.NO_SIZE)).isEqualTo(1);
    assertThat(count(BoostOutcome.EXTENDED)).isEqualTo(1);
    assertThat(boosts.toJson())
        .extracting(m -> m.get("site") + " " + m.get("videoId"))
        .containsExactlyInAnyOrder("site-a new-release", "site-a unknown");
  }

  @Test
  void aBoostOfZeroIsOff() {
    SpikeBoosts off = new SpikeBoosts(Duration.ZERO, clock, registry);
    off.raise("site-a", "rare", "r");
    assertThat(off.apply("site-a", observed, CATALOG)).isSameAs(observed);
    assertThat(count(BoostOutcome.RAISED)).isZero();
  }

  @Test
  void boostsAreBounded() {
    for (int i = 0; i < SpikeBoosts.MAX_BOOSTS + 10; i++) boosts.raise("site-a", "t-" + i, "r");
    assertThat(boosts.active("site-a")).hasSize(SpikeBoosts.MAX_BOOSTS).doesNotContainKey("t-0");
    assertThat(boosts.toJson()).hasSize(SpikeBoosts.MAX_BOOSTS);
    assertThat(Map.copyOf(boosts.active("site-b"))).isEmpty();
  }
}
