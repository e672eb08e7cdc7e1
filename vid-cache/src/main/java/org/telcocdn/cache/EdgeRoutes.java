package org.telcocdn.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.json.Json;

/**
 * Which handler answers a request: the object route, and the operational ones (/health, /metrics,
 * /internal/invalidate, /internal/cache). Bad input answers 4xx with the JSON error body.
 */
final class EdgeRoutes {
  private static final Logger log = LoggerFactory.getLogger(EdgeRoutes.class);

  private final String name;
  private final ObjectService objects;
  private final Tiers tiers;
  private final Fills fills;
  private final EdgeMetrics metrics;
  private final BooleanSupplier draining;
  private final BooleanSupplier duress;

  EdgeRoutes(String name, ObjectService objects, Tiers tiers, Fills fills, EdgeMetrics metrics, BooleanSupplier draining,
      BooleanSupplier duress) {
    this.duress = duress;
    this.name = name;
    this.objects = objects;
    this.tiers = tiers;
    this.fills = fills;
    this.metrics = metrics;
    this.draining = draining;
  }

  String name() {
    return name;
  }

  EdgeMetrics metrics() {
    return metrics;
  }

  boolean draining() {
    return draining.getAsBoolean();
  }

  /** Overloaded or leaving: players should be told to move (CMSD {@code du}). */
  boolean duress() {
    return duress.getAsBoolean() || draining.getAsBoolean();
  }

  void route(Exchange exchange, List<String> segments, byte[] body) {
    String method = exchange.request().method().name();
    String first = segments.isEmpty() ? "" : segments.getFirst();
    if (method.equals("OPTIONS")) {
      exchange.full(204, null, new byte[0], CacheOutcome.CONTROL);
    } else if (first.equals("videos")) {
      if (!method.equals("GET") && !method.equals("HEAD")) throw methodNotAllowed(method);
      objects.serve(exchange, segments.subList(1, segments.size()));
    } else if (segments.equals(List.of("health")) && method.equals("GET")) {
      health(exchange);
    } else if (segments.equals(List.of("metrics")) && method.equals("GET")) {
      exchange.full(200, "text/plain; version=0.0.4; charset=utf-8", Exchange.utf8(metrics.registry().scrape()), CacheOutcome.CONTROL);
    } else if (segments.equals(List.of("internal", "invalidate")) && method.equals("POST")) {
      invalidate(exchange, body);
    } else if (segments.equals(List.of("internal", "cache")) && method.equals("GET")) {
      exchange.json(200, stats(), CacheOutcome.CONTROL);
    } else {
      throw ApiException.notFound("no route for " + method + " /" + String.join("/", segments));
    }
  }

  void failed(Exchange exchange, ApiException e) {
    if (e.status() == 400) metrics.outcome(CacheOutcome.REJECTED);
    exchange.error(e.status(), e.error(), e.getMessage(), CacheOutcome.REJECTED);
  }

  void badRequest(Exchange exchange, String message) {
    objects.reject(exchange, message);
  }

  Map<String, Object> stats() {
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("objects", tiers.memory().objectCount());
    memory.put("usedBytes", tiers.memory().usedBytes());
    memory.put("maxBytes", tiers.memory().maxBytes());
    Map<String, Object> disk = new LinkedHashMap<>();
    disk.put("objects", tiers.disk().objectCount());
    disk.put("usedBytes", tiers.disk().usedBytes());
    disk.put("reservedBytes", tiers.disk().reservedBytes());
    disk.put("maxBytes", tiers.disk().maxBytes());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("memory", memory);
    body.put("disk", disk);
    body.put("fillsInFlight", fills.size());
    return body;
  }

  private void health(Exchange exchange) {
    boolean up = !draining.getAsBoolean();
    Map<String, Object> details = Map.of("diskUsedBytes", tiers.disk().usedBytes(), "draining", !up);
    exchange.json(up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "service", "vid-cache", "details", details),
        CacheOutcome.CONTROL);
  }

  private void invalidate(Exchange exchange, byte[] body) {
    String videoId = videoId(body);
    fills.invalidate(videoId);
    int removed = tiers.invalidate(videoId);
    log.info("invalidated {}: {} objects removed", videoId, removed);
    exchange.json(200, Map.of("removedObjects", removed), CacheOutcome.CONTROL);
  }

  private static String videoId(byte[] body) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getMessage());
    }
    if (tree == null || !tree.path("videoId").isTextual() || tree.path("videoId").asText().isBlank()) {
      throw ApiException.badRequest("body must be {\"videoId\": \"...\"}");
    }
    return tree.path("videoId").asText();
  }

  private static ApiException methodNotAllowed(String method) {
    return new ApiException(405, "method_not_allowed", method + " is not allowed on /videos; use GET or HEAD");
  }
}
