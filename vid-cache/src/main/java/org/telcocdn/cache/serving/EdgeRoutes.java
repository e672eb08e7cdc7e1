package org.telcocdn.cache.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.replication.EdgeReplication;
import org.telcocdn.cache.replication.PeerFaults;
import org.telcocdn.cache.replication.ReplicaDecision;
import org.telcocdn.cache.storage.Allocation;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.json.Json;

/**
 * Which handler answers a request: the object route, and the operational ones (/health, /metrics,
 * /internal/invalidate, /internal/cache). Bad input answers 4xx with the JSON error body.
 */
public final class EdgeRoutes {
  private static final Logger log = LoggerFactory.getLogger(EdgeRoutes.class);

  private final String name;
  private final AsciiString servedBy;
  private final ObjectService objects;
  private final Tiers tiers;
  private final Fills fills;
  private final EdgeMetrics metrics;
  private final BooleanSupplier draining;
  private final BooleanSupplier duress;
  private final TitleVersions versions;
  /** Null unless {@code edge.fault-injection}: then peer calls can be cut for fault tests. */
  private final PeerFaults faults;
  private final Allocations allocations;
  /** Null when the edge works alone. */
  private final EdgeReplication replication;

  public EdgeRoutes(String name, ObjectService objects, Tiers tiers, Fills fills, EdgeMetrics metrics, BooleanSupplier draining,
      BooleanSupplier duress, TitleVersions versions, PeerFaults faults, Allocations allocations, EdgeReplication replication) {
    this.replication = replication;
    this.allocations = allocations;
    this.versions = versions;
    this.faults = faults;
    this.duress = duress;
    this.name = name;
    this.servedBy = AsciiString.of(name);
    this.objects = objects;
    this.tiers = tiers;
    this.fills = fills;
    this.metrics = metrics;
    this.draining = draining;
  }

  String name() {
    return name;
  }

  /** The name as sent in {@code X-Served-By} on every response, converted once. */
  AsciiString servedBy() {
    return servedBy;
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
    } else if (segments.equals(List.of("internal", "allocation")) && method.equals("POST")) {
      Allocation next = Allocation.parse(tree(body), name);
      allocations.replace(next);
      log.info("edge {} allocation generation {}: {} whole, {} prefix ({} segments), {} elsewhere", name, next.generation(),
          next.whole().size(), next.prefix().size(), next.prefixSegments(), next.elsewhere().size());
      exchange.json(200, next.toJson(), CacheOutcome.CONTROL);
    } else if (segments.equals(List.of("internal", "allocation")) && method.equals("GET")) {
      exchange.json(200, allocations.current().orElseThrow(() -> ApiException.notFound("no allocation received yet")).toJson(),
          CacheOutcome.CONTROL);
    } else if (segments.equals(List.of("internal", "faults")) && method.equals("POST")) {
      faults(exchange, body);
    } else if (faults != null && faults.partitioned() && isPeerCall(segments)) {
      exchange.error(503, "partitioned", "this edge is cut off from its peers by fault injection", CacheOutcome.CONTROL);
    } else if (segments.size() > 3 && segments.subList(0, 3).equals(List.of("internal", "peer", "videos"))) {
      if (!method.equals("GET") && !method.equals("HEAD")) throw methodNotAllowed(method);
      objects.servePeer(exchange, segments.subList(3, segments.size()));
    } else if (segments.equals(List.of("internal", "digest")) && method.equals("GET")) {
      exchange.json(200, replication().digest(), CacheOutcome.CONTROL);
    } else if (segments.equals(List.of("internal", "replicate")) && method.equals("POST")) {
      replicate(exchange, body);
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

  /** The broker's invalidation; {@code version} (the index's new one) is kept so no older copy is served again. */
  private void invalidate(Exchange exchange, byte[] body) {
    JsonNode tree = tree(body);
    String videoId = videoId(tree);
    JsonNode version = tree.path("version");
    if (!version.isMissingNode() && !version.isNull() && !version.canConvertToLong()) {
      throw ApiException.badRequest("version must be a whole number");
    }
    if (version.canConvertToLong()) versions.learn(videoId, version.asLong());
    fills.invalidate(videoId);
    int removed = tiers.invalidate(videoId);
    log.info("invalidated {} (known version {}): {} objects removed", videoId, versions.known(videoId), removed);
    exchange.json(200, version.canConvertToLong() ? Map.of("removedObjects", removed, "version", versions.known(videoId))
        : Map.of("removedObjects", removed), CacheOutcome.CONTROL);
  }

  /** A peer announced an object it admitted: {@code {"videoId","path","version","source","sourceUrl"}}. */
  private void replicate(Exchange exchange, byte[] body) {
    EdgeReplication r = replication();
    JsonNode tree = tree(body);
    String videoId = videoId(tree);
    String path = tree.path("path").asText("");
    String source = tree.path("source").asText("");
    if (path.isBlank() || path.contains("..") || source.isBlank() || !tree.path("version").canConvertToLong()) {
      throw ApiException.badRequest("body must be {\"videoId\",\"path\",\"version\",\"source\"}");
    }
    ReplicaDecision decision = r.offered(new CacheKey(videoId, path), tree.path("version").asLong(), source);
    if (decision == ReplicaDecision.UNKNOWN_PEER) {
      throw new ApiException(403, "unknown_peer", "'" + source + "' is not an UP edge of this site; announcements are pulled only from known peers");
    }
    exchange.json(decision == ReplicaDecision.QUEUED ? 202 : 200, Map.of("decision", decision.name()), CacheOutcome.CONTROL);
  }

  private static boolean isPeerCall(List<String> segments) {
    return segments.size() >= 2 && segments.getFirst().equals("internal")
        && (segments.get(1).equals("peer") || segments.get(1).equals("digest") || segments.get(1).equals("replicate"));
  }

  private void faults(Exchange exchange, byte[] body) {
    if (faults == null) throw ApiException.notFound("fault injection is off (edge.fault-injection=false)");
    JsonNode on = tree(body).path("partitioned");
    if (!on.isBoolean()) throw ApiException.badRequest("body must be {\"partitioned\": true|false}");
    faults.partitioned(on.asBoolean());
    log.warn("edge {} {} its site peers by fault injection", name, on.asBoolean() ? "is cut off from" : "is reconnected to");
    exchange.json(200, Map.of("partitioned", on.asBoolean()), CacheOutcome.CONTROL);
  }

  private EdgeReplication replication() {
    if (replication == null) throw ApiException.notFound("replication is off on this edge (no edge.index.peers)");
    return replication;
  }

  private static JsonNode tree(byte[] body) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) throw ApiException.badRequest("body must be a JSON object");
    return tree;
  }

  private static String videoId(JsonNode tree) {
    if (tree == null || !tree.path("videoId").isTextual() || tree.path("videoId").asText().isBlank()) {
      throw ApiException.badRequest("body must be {\"videoId\": \"...\"}");
    }
    return tree.path("videoId").asText();
  }

  private static ApiException methodNotAllowed(String method) {
    return new ApiException(405, "method_not_allowed", method + " is not allowed on /videos; use GET or HEAD");
  }
}
