package org.telcocdn.cache.sim;

/** A trace of one site: every request with the edge (0 .. edges-1) its viewer is attached to. */
public record SiteTrace(Trace trace, byte[] edgeOf, int edges) {
  public int edge(int i) {
    return edgeOf[i];
  }
}
