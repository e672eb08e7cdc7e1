package org.telcocdn.index;

import java.util.List;

/**
 * What the index knows of one title: its current version, the edges holding that version (stale
 * copies are left out, so routing never picks them), and the edges assigned it.
 */
public record Holding(
    String videoId, long version, List<String> holders, List<String> assigned, long appliedIndex) {
  public Holding {
    holders = List.copyOf(holders);
    assigned = List.copyOf(assigned);
  }
}
