package org.telcocdn.cache.metrics;

/**
 * What filled an object, for {@code edge_fills_total{source}} and {@code X-Cache}: the origin, a
 * site peer, a parent cache of the tier above (docs/topology.md, "Cache tiers"), or, for HTTP
 * origins, the edge's own stored copy: confirmed by the origin ({@code VALIDATED}, a 304) or served
 * past its freshness because the origin failed ({@code STALE}).
 */
public enum FillSourceKind {
  ORIGIN,
  PEER,
  PARENT,
  VALIDATED,
  STALE
}
