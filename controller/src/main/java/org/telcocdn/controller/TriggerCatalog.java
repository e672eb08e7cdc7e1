package org.telcocdn.controller;

import com.fasterxml.jackson.databind.JsonNode;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.controller.trigger.Catalog;
import org.telcocdn.controller.trigger.Invalidator;

/**
 * What triggers ask of the other services: vid-metadata whether a title exists ({@code GET
 * /api/videos/{id}}, 404 = unknown), and the broker to invalidate one ({@code POST
 * /api/invalidations}, the path metadata's updates take). {@code catalogHttp} reads the catalog's
 * viewer listener, {@code http} calls the broker's control listener.
 */
record TriggerCatalog(
    JsonHttpClient http, JsonHttpClient catalogHttp, String metadataUrl, String brokerUrl)
    implements Catalog, Invalidator {

  @Override
  public boolean knows(String videoId) {
    try {
      catalogHttp.get(metadataUrl + "/api/videos/" + videoId, JsonNode.class);
      return true;
    } catch (ApiException e) {
      if (e.status() == 404) return false;
      throw e;
    }
  }

  @Override
  public void invalidate(String videoId, String reason) {
    http.post(
        brokerUrl + "/api/invalidations",
        java.util.Map.of("videoId", videoId, "reason", reason),
        JsonNode.class);
  }
}
