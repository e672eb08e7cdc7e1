package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LruPolicyTest {
  @Test
  void evictsLeastRecentlyUsedUntilTheNewcomerFits() {
    Recorder r = new Recorder(new LruPolicy<>(10));
    r.request("a", 4).request("b", 4).request("a", 4).request("c", 4); // b is the eldest
    r.request("d", 6); // needs 6 of 10: a (now eldest) goes too
    assertThat(r.evicted).containsExactly("b", "a");
    assertThat(r.policy.contains("c")).isTrue();
    assertThat(r.policy.contains("d")).isTrue();
    assertThat(r.policy.usedBytes()).isEqualTo(10);
    assertThat(r.hits).isEqualTo(1);
  }

  @Test
  void refusesAnObjectLargerThanTheBudget() {
    Recorder r = new Recorder(new LruPolicy<>(10));
    r.request("a", 5).request("huge", 11);
    assertThat(r.policy.contains("huge")).isFalse();
    assertThat(r.evicted).isEmpty();
  }

  @Test
  void removeGivesTheBytesBack() {
    LruPolicy<String> lru = new LruPolicy<>(10);
    lru.onMiss("a", 7, k -> {});
    lru.remove("a");
    assertThat(lru.usedBytes()).isZero();
    assertThat(lru.objectCount()).isZero();
  }
}
