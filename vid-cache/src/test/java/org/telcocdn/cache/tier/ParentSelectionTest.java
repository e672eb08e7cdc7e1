package org.telcocdn.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.storage.CacheKey;

class ParentSelectionTest {
  private static final Parent N1 = parent("north-1");
  private static final Parent N2 = parent("north-2");
  private static final Parent N3 = parent("north-3");
  private static final Parent S1 = parent("south-1");

  private final AtomicLong now = new AtomicLong();
  private final ParentCircuits circuits = new ParentCircuits(Duration.ofSeconds(5), now::get);
  private final ParentMetrics metrics =
      new ParentMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

  @Test
  void primarySiteComesFirst_thenTheSecondary_thenNothing() {
    ParentSelection selection = selection(List.of(N1, N2), List.of(S1));

    List<Parent> order = selection.order(key(1));

    assertThat(order).hasSize(3).containsOnlyOnce(N1, N2, S1);
    assertThat(order.getLast()).isEqualTo(S1);
  }

  @Test
  void everyEdgeRanksAnObjectAlike_andTheSiteSplitsObjectsAmongItsCaches() {
    ParentSelection one = selection(List.of(N1, N2, N3), List.of(S1));
    ParentSelection other = selection(List.of(N3, N1, N2), List.of(S1)); // listed in another order
    Map<Parent, Integer> homes = new HashMap<>();

    for (int i = 0; i < 3_000; i++) {
      Parent home = one.order(key(i)).getFirst();
      assertThat(other.order(key(i)).getFirst()).isEqualTo(home);
      homes.merge(home, 1, Integer::sum);
    }

    assertThat(homes).containsOnlyKeys(N1, N2, N3);
    assertThat(homes.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1_150));
  }

  @Test
  void aCacheLeavingItsSite_movesOnlyItsOwnObjects_toTheNextInRank() {
    ParentSelection three = selection(List.of(N1, N2, N3), List.of(S1));
    ParentSelection withoutN3 = selection(List.of(N1, N2), List.of(S1));

    for (int i = 0; i < 1_000; i++) {
      List<Parent> before = three.order(key(i));
      Parent after = withoutN3.order(key(i)).getFirst();
      if (before.getFirst().equals(N3)) assertThat(after).isEqualTo(before.get(1));
      else assertThat(after).isEqualTo(before.getFirst());
    }
  }

  @Test
  void aParentThatRefused_isSkippedWhileItsCircuitIsOpen_thenTriedAgain() {
    ParentSelection selection = selection(List.of(N1), List.of(S1));

    circuits.failed(N1, ParentFailure.UNREACHABLE);
    assertThat(selection.order(key(7))).containsExactly(S1);
    assertThat(metrics.failures("north-1", ParentFailure.CIRCUIT_OPEN)).isEqualTo(1);

    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(selection.order(key(7))).containsExactly(N1, S1);
  }

  @Test
  void aTimeoutOrABusyParentOpensTheCircuit_itsUpstreamsFailureDoesNot() {
    circuits.failed(N1, ParentFailure.TIMEOUT);
    circuits.failed(N2, ParentFailure.BUSY);
    circuits.failed(N3, ParentFailure.UPSTREAM_ERROR);
    circuits.failed(S1, ParentFailure.STALE);

    assertThat(selection(List.of(N1, N2, N3), List.of(S1)).order(key(1)))
        .containsExactlyInAnyOrder(N3, S1);
  }

  @Test
  void aSuccessClosesTheCircuit() {
    circuits.failed(N1, ParentFailure.UNREACHABLE);
    circuits.succeeded(N1);

    assertThat(selection(List.of(N1), List.of()).order(key(1))).containsExactly(N1);
  }

  @Test
  void everyCircuitOpen_leavesNoParent() {
    circuits.failed(N1, ParentFailure.UNREACHABLE);
    circuits.failed(S1, ParentFailure.TIMEOUT);

    assertThat(selection(List.of(N1), List.of(S1)).order(key(1))).isEmpty();
  }

  private ParentSelection selection(List<Parent> primary, List<Parent> secondary) {
    TierConfig config =
        new TierConfig(
            TierRole.EDGE,
            primary,
            secondary,
            Duration.ofMillis(500),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofMillis(500));
    return new ParentSelection(config, circuits, metrics);
  }

  private static CacheKey key(int i) {
    return new CacheKey("v" + (i % 97), "720p/seg_" + i + ".m4s");
  }

  private static Parent parent(String name) {
    return new Parent(name, URI.create("https://127.0.0.1:7" + name.hashCode() % 1000));
  }
}
