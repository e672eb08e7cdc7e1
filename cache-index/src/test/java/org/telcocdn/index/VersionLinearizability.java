package org.telcocdn.index;

import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.telcocdn.index.History.Kind;
import org.telcocdn.index.History.Op;

/**
 * A linearizability checker for per-title version counters (the model: BUMP increments the title's
 * version and returns the new one; READ returns the current one; every title starts at 0), after
 * Wing and Gong's search with Lowe's memoisation of (linearized set, model state) as in Knossos and
 * Porcupine.
 *
 * <p>Linearizability is local (Herlihy and Wing), so each title is checked on its own. The search
 * picks, as the next linearization point, any pending operation invoked before the earliest
 * response among pending operations; it succeeds when every completed operation is placed.
 * Operations with an unknown outcome may be placed (a BUMP then moves the counter, whatever it
 * would have returned) or left out, because a request that timed out may or may not have been
 * applied.
 */
final class VersionLinearizability {
  private VersionLinearizability() {}

  /**
   * The titles whose sub-history has no linearization; empty means the whole history is
   * linearizable.
   */
  static Set<String> violations(History history) {
    Set<String> bad = new HashSet<>();
    history.ops().stream()
        .map(Op::key)
        .distinct()
        .forEach(
            key -> {
              if (!linearizable(history.of(key))) bad.add(key);
            });
    return bad;
  }

  static boolean linearizable(List<Op> history) {
    List<Op> ops =
        history.stream()
            .filter(
                o -> o.completed() || o.kind() == Kind.BUMP) // an unanswered read changes nothing
            .sorted(Comparator.comparingLong(Op::invokedNanos))
            .toList();
    return new Search(ops).from(new BitSet(ops.size()), 0);
  }

  private static final class Search {
    private final List<Op> ops;
    private final int completedCount;
    private final Set<String> seen = new HashSet<>();

    Search(List<Op> ops) {
      this.ops = ops;
      this.completedCount = (int) ops.stream().filter(Op::completed).count();
    }

    boolean from(BitSet placed, long version) {
      if (placedCompleted(placed) == completedCount) return true;
      if (!seen.add(placed + "@" + version)) return false;
      long earliestReturn = Long.MAX_VALUE;
      for (int i = placed.nextClearBit(0); i < ops.size(); i = placed.nextClearBit(i + 1)) {
        earliestReturn = Math.min(earliestReturn, ops.get(i).returnedNanos());
      }
      for (int i = placed.nextClearBit(0); i < ops.size(); i = placed.nextClearBit(i + 1)) {
        Op op = ops.get(i);
        if (op.invokedNanos() > earliestReturn)
          break; // sorted by invocation: no later op can go next
        long next = step(op, version);
        if (next < 0) continue;
        placed.set(i);
        boolean found = from(placed, next);
        placed.clear(i);
        if (found) return true;
      }
      return false;
    }

    /** The model's version after {@code op}, or -1 when op's output contradicts the model. */
    private static long step(Op op, long version) {
      if (op.kind() == Kind.READ) return op.output() == version ? version : -1;
      if (!op.completed()) return version + 1;
      return op.output() == version + 1 ? version + 1 : -1;
    }

    private int placedCompleted(BitSet placed) {
      int n = 0;
      for (int i = placed.nextSetBit(0); i >= 0; i = placed.nextSetBit(i + 1)) {
        if (ops.get(i).completed()) n++;
      }
      return n;
    }
  }
}
