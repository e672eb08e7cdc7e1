package org.telcocdn.broker;

import java.util.List;

/**
 * What the ring chose for one key, by edge name: the edge, the alternates (best first) and, for a
 * spill, the edge that owned the key but was full.
 */
record RingChoice(String edge, List<String> alternates, RouteReason reason, String spilledFrom) {
  RingChoice {
    alternates = List.copyOf(alternates);
  }
}
