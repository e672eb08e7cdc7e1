package org.telcocdn.controller;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.JsonHttpClient;

/** Sends one edge its allocation; never throws, the outcome says what happened. */
final class AllocationPush {
  private static final Logger log = LoggerFactory.getLogger(AllocationPush.class);

  private final JsonHttpClient http;

  AllocationPush(JsonHttpClient http) {
    this.http = http;
  }

  PushOutcome push(SiteEdge edge, EdgeAllocation allocation) {
    try {
      http.post(edge.url() + "/internal/allocation", allocation, JsonNode.class);
      return PushOutcome.PUSHED;
    } catch (ApiException e) {
      PushOutcome outcome =
          e.status() >= 400 && e.status() < 500 ? PushOutcome.REFUSED : PushOutcome.UNREACHABLE;
      log.warn(
          "allocation {} to edge {} {}: {} {}",
          allocation.generation(),
          edge.name(),
          outcome,
          e.status(),
          e.getMessage());
      return outcome;
    }
  }
}
