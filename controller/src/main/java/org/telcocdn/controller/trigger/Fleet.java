package org.telcocdn.controller.trigger;

import java.util.List;
import java.util.Set;

/** The sites and edges triggers act on, and the allocation's word on where a title lives. */
public interface Fleet {
  /** Every site the broker knows an edge of, in any state: what a location policy may name. */
  Set<String> sites();

  /** The UP edges of {@code site}. */
  List<SiteTarget> upEdges(String site);

  /**
   * The edges of {@code site} the current allocation keeps {@code videoId} on (whole or as a
   * prefix), the one keeping it whole first; empty when the allocation does not place it.
   */
  List<String> placed(String site, String videoId);
}
