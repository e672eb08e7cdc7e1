package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WTinyLfuPolicyTest {
  @Test
  void staysWithinTheBudgetAndReportsEveryVictimOnce() {
    Recorder r = new Recorder(new WTinyLfuPolicy<>(1_000));
    Set<String> resident = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String key = "k" + (i * 7919 % 97);
      if (!r.policy.contains(key)) {
        int before = r.evicted.size();
        if (r.policy.onMiss(key, 10 + i % 40, r.evicted::add)) resident.add(key);
        r.evicted.subList(before, r.evicted.size()).forEach(resident::remove);
      } else {
        r.policy.onHit(key);
      }
      assertThat(r.policy.usedBytes()).isLessThanOrEqualTo(1_000);
    }
    assertThat(resident).allSatisfy(k -> assertThat(r.policy.contains(k)).isTrue());
    assertThat(r.policy.objectCount()).isEqualTo(resident.size());
  }

  @Test
  void frequencyProtectsAHotObjectFromAScan() {
    Recorder r = new Recorder(new WTinyLfuPolicy<>(1_000));
    for (int i = 0; i < 20; i++) r.request("hot", 10);
    int before = r.hits;
    for (int i = 0; i < 2_000; i++) {
      r.request("scan" + i, 10);
      if (i % 10 == 0) r.request("hot", 10);
    }
    assertThat(r.policy.contains("hot")).isTrue();
    assertThat(r.hits - before).isEqualTo(200); // every later request for it was a hit
  }

  @Test
  void refusesAnObjectLargerThanTheBudget() {
    Recorder r = new Recorder(new WTinyLfuPolicy<>(100));
    r.request("huge", 101);
    assertThat(r.policy.contains("huge")).isFalse();
  }
}
