package org.telcocdn.cache.metrics;

/** What filled an object, for {@code edge_fills_total{source}} and {@code X-Cache}: the origin or a site peer. */
public enum FillSourceKind { ORIGIN, PEER }
