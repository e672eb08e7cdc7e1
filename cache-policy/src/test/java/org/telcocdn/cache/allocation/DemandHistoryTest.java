package org.telcocdn.cache.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemandHistoryTest {
  @Test
  void observe_newWindowsWeighHalfAndSizesAreTheLatest() {
    DemandHistory history = new DemandHistory(0.5);
    history.observe(List.of(new TitleDemand("a", 100, 40, 1000, 100)));
    history.observe(
        List.of(new TitleDemand("b", 100, 100, 500, 500), new TitleDemand("a", 20, 20, 300, 100)));
    Map<String, TitleDemand> d =
        history.demands().stream().collect(Collectors.toMap(TitleDemand::title, t -> t));
    assertThat(d.get("a").requests()).isEqualTo(100 * 0.5 * 0.5 + 20 * 0.5);
    assertThat(d.get("a").prefixRequests()).isEqualTo(40 * 0.25 + 20 * 0.5);
    assertThat(d.get("a").footprintBytes()).isEqualTo(300);
    assertThat(d.get("b").requests()).isEqualTo(50);
  }

  @Test
  void observe_forgetsATitleOnlyAfterManyEmptyWindows() {
    DemandHistory history = new DemandHistory(0.5);
    history.observe(List.of(new TitleDemand("a", 1, 1, 10, 10)));
    for (int i = 0; i < 10; i++) history.observe(List.of());
    assertThat(history.size()).isEqualTo(1);
    for (int i = 0; i < 20; i++) history.observe(List.of());
    assertThat(history.size()).isZero();
  }
}
