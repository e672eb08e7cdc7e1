package org.telcocdn.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A recorded history of operations on per-title version counters, from several concurrent clients:
 * each operation with the time it was invoked and the time its response arrived. An operation whose
 * outcome is unknown (the client gave up, e.g. during a failover) has no response: it may or may
 * not have taken effect, and the checker must allow both.
 */
final class History {
  enum Kind {
    BUMP,
    READ
  }

  /** {@code output} is the version returned, or null when the outcome is unknown. */
  record Op(String key, Kind kind, long invokedNanos, long returnedNanos, Long output) {
    static final long NEVER = Long.MAX_VALUE;

    boolean completed() {
      return output != null;
    }
  }

  private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();

  void add(Op op) {
    ops.add(op);
  }

  void completed(String key, Kind kind, long invoked, long returned, long output) {
    ops.add(new Op(key, kind, invoked, returned, output));
  }

  void unknown(String key, Kind kind, long invoked) {
    ops.add(new Op(key, kind, invoked, Op.NEVER, null));
  }

  List<Op> ops() {
    return new ArrayList<>(ops);
  }

  List<Op> of(String key) {
    return ops.stream().filter(o -> o.key().equals(key)).toList();
  }
}
