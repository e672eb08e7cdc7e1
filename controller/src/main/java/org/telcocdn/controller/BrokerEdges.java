package org.telcocdn.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * The edges of every site, from the broker's {@code GET /api/edges}, each with its control URL
 * (where allocations are pushed). Only {@code UP} edges take part: a draining or dead edge's titles
 * move to the next edge of their rendezvous ranking, the others keep theirs. An edge that reports
 * no disk capacity gets {@code controller.default-edge-capacity}.
 */
final class BrokerEdges {
  private final JsonHttpClient http;
  private final String brokerUrl;
  private final long defaultCapacity;

  BrokerEdges(JsonHttpClient http, String brokerUrl, long defaultCapacity) {
    this.http = http;
    this.brokerUrl = brokerUrl;
    this.defaultCapacity = defaultCapacity;
  }

  List<SiteEdge> upEdges() {
    return edges().stream().filter(e -> e.state().equals("UP")).toList();
  }

  /** Every edge the broker knows, in any state. */
  List<SiteEdge> edges() {
    JsonNode body = http.get(brokerUrl + "/api/edges", JsonNode.class);
    List<SiteEdge> edges = new ArrayList<>();
    for (JsonNode e : body.path("edges")) {
      String name = e.path("name").asText("");
      String url = e.path("controlUrl").asText("");
      if (name.isEmpty() || url.isEmpty()) continue;
      long capacity = e.path("load").path("diskCapacityBytes").asLong(0);
      edges.add(
          new SiteEdge(
              name,
              url,
              e.path("site").asText("default"),
              e.path("state").asText(""),
              capacity > 0 ? capacity : defaultCapacity));
    }
    return edges;
  }
}
