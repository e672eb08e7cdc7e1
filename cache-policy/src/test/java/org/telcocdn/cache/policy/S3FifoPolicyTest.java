package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Budget 30, small queue 15, objects of 10: the trace of the comments is worked by hand. */
class S3FifoPolicyTest {
  @Test
  void followsTheSmallMainAndGhostQueues() {
    Recorder r = new Recorder(new S3FifoPolicy<>(30, 0.5, 3));
    r.request("a", 10).request("b", 10).request("a", 10).request("c", 10); // S=[a b c], a hit once
    r.request("d", 10); // a moves to M, b (never hit) leaves for the ghost queue
    assertThat(r.evicted).containsExactly("b");
    r.request("b", 10); // the ghost remembers b: it enters M; c leaves S for the ghost
    assertThat(r.evicted).containsExactly("b", "c");
    r.request("a", 10); // a's frequency 1 in M
    r.request(
        "e", 10); // S=[d] is under its 15: evict from M, a goes round again, b (freq 0) leaves
    assertThat(r.evicted).containsExactly("b", "c", "b");
    assertThat(r.policy.contains("a")).isTrue();
    assertThat(r.policy.contains("d")).isTrue();
    assertThat(r.policy.contains("e")).isTrue();
    assertThat(r.policy.usedBytes()).isEqualTo(30);
  }

  @Test
  void oneHitWondersDoNotPushOutAReusedObject() {
    Recorder r = new Recorder(new S3FifoPolicy<>(100));
    r.request("hot", 10).request("hot", 10);
    for (int i = 0; i < 50; i++) r.request("scan" + i, 10).request("hot", 10);
    assertThat(r.policy.contains("hot")).isTrue();
    assertThat(r.hits).isEqualTo(51);
  }
}
