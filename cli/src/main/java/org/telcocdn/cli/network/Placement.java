package org.telcocdn.cli.network;

/**
 * Where one service of the topology runs: what the network needs to know of it.
 *
 * @param edgeCache whether it is a vid-cache (which belongs in an edge site, or a regional one as a
 *     mid-tier cache)
 */
public record Placement(String service, String site, boolean edgeCache) {}
