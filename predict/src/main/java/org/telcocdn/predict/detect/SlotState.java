package org.telcocdn.predict.detect;

import org.telcocdn.predict.signal.EdgeSignals;

/** Per-slot state of a detector, started afresh whenever the slot goes to another title. */
abstract class SlotState implements Detector {
  final EdgeSignals signals;
  private final int[] generation;
  private final boolean[] seen;

  SlotState(EdgeSignals signals) {
    this.signals = signals;
    this.generation = new int[signals.capacity()];
    this.seen = new boolean[signals.capacity()];
  }

  /**
   * Whether the slot's state holds this title's history (false: start it from the current value).
   */
  final boolean known(int slot) {
    int g = signals.generation(slot);
    boolean known = seen[slot] && generation[slot] == g;
    generation[slot] = g;
    seen[slot] = true;
    return known;
  }
}
