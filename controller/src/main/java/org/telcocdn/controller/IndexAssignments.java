package org.telcocdn.controller;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.allocation.EdgePlan;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexPeer;
import org.telcocdn.security.TlsMaterial;

/**
 * Commits each edge's assigned titles (whole and prefix) to the cache index, so that an edge told
 * "elsewhere" and the broker can look up which peer holds a title. Optional ({@code
 * controller.index.peers}); a failure is logged and the push to edges still happens.
 */
final class IndexAssignments implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IndexAssignments.class);

  private final IndexClient client;

  private IndexAssignments(IndexClient client) {
    this.client = client;
  }

  static IndexAssignments connect(List<IndexPeer> peers, TlsMaterial tls) {
    return peers.isEmpty() ? null : new IndexAssignments(IndexClient.connect(peers, tls));
  }

  /** The same connection, for reads (the trigger status resource's tier holdings). */
  IndexClient client() {
    return client;
  }

  boolean assign(EdgePlan plan) {
    List<String> held = new ArrayList<>(plan.whole());
    held.addAll(plan.prefix());
    try {
      client.addEdge(
          plan.edge(),
          plan.capacityBytes()); // idempotent; assign refuses an edge the index does not know
      return client.assign(plan.edge(), held, plan.plannedBytes()) >= 0;
    } catch (RuntimeException e) {
      log.warn(
          "cannot commit the assignment of edge {} to the cache index: {}",
          plan.edge(),
          e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      log.debug("closing the index client", e);
    }
  }
}
