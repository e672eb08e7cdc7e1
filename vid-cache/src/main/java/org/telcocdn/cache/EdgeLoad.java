package org.telcocdn.cache;

/** The heartbeat body: what the broker balances on (docs/contracts.md). */
public record EdgeLoad(
    int activeConnections,
    long egressBytesPerSecond,
    long diskUsedBytes,
    long diskCapacityBytes,
    boolean draining,
    boolean duress) {}
