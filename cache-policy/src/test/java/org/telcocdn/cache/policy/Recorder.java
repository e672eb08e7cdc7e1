package org.telcocdn.cache.policy;

import java.util.ArrayList;
import java.util.List;

/** Replays requests the way the disk tier and the simulator do, recording evictions. */
final class Recorder {
  final CachePolicy<String> policy;
  final List<String> evicted = new ArrayList<>();
  int hits;

  Recorder(CachePolicy<String> policy) {
    this.policy = policy;
  }

  Recorder request(String key, long size) {
    if (policy.contains(key)) {
      policy.onHit(key);
      hits++;
    } else {
      policy.onMiss(key, size, evicted::add);
    }
    return this;
  }
}
