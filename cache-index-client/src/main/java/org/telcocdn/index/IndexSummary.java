package org.telcocdn.index;

/** Sizes of the index as one member has applied it: titles, edges, (title, edge) holdings. */
public record IndexSummary(long items, long edges, long holdings, long appliedIndex) {}
