package org.telcocdn.cache.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.predict.EdgePrediction;
import org.telcocdn.cache.preposition.PrepositionApi;
import org.telcocdn.cache.replication.EdgeReplication;
import org.telcocdn.cache.replication.PeerFaults;
import org.telcocdn.cache.replication.PeerHeaders;
import org.telcocdn.cache.replication.ReplicaDecision;
import org.telcocdn.cache.storage.Allocation;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.Handler;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.video.VideoId;
import org.telcocdn.security.Caller;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;

/**
 * The edge's {@code /internal/*} API (docs/contracts.md, "vid-cache"), all on the control listener:
 * what the broker, the controller and the site's other edges call, and operators. Calls between
 * edges (peer fills, digests, announcements) are taken only from edges of this edge's own site, and
 * an announcement's {@code source} must be the edge that sends it. Bad input answers 4xx with the
 * JSON error body.
 */
public final class InternalApi {
  private static final Logger log = LoggerFactory.getLogger(InternalApi.class);

  private final String name;
  private final String site;
  private final ObjectService objects;
  private final Tiers tiers;
  private final Fills fills;
  private final TitleVersions versions;
  private final Allocations allocations;

  /** Null unless {@code edge.fault-injection}: then peer calls can be cut for fault tests. */
  private final PeerFaults faults;

  /** Null when the edge works alone. */
  private final EdgeReplication replication;

  private final PrepositionApi prepositions;

  /** Demand-spike prediction ({@code GET /internal/predictions}); null when it is off. */
  private final EdgePrediction prediction;

  /** A regional or cloud cache: serves its children's fills. */
  private final boolean parentTier;

  public InternalApi(
      String name,
      String site,
      ObjectService objects,
      Tiers tiers,
      Fills fills,
      TitleVersions versions,
      Allocations allocations,
      PeerFaults faults,
      EdgeReplication replication,
      PrepositionApi prepositions,
      boolean parentTier,
      EdgePrediction prediction) {
    this.prepositions = prepositions;
    this.prediction = prediction;
    this.parentTier = parentTier;
    this.name = name;
    this.site = site;
    this.objects = objects;
    this.tiers = tiers;
    this.fills = fills;
    this.versions = versions;
    this.allocations = allocations;
    this.faults = faults;
    this.replication = replication;
  }

  void routes(Router router) {
    Access peers = Access.services(ServiceRoles.EDGE);
    router.add(
        new Router.Route(
            "POST",
            "/internal/invalidate",
            Access.control(OperatorRole.OPERATOR, ServiceRoles.BROKER),
            this::invalidate));
    router.add(
        new Router.Route(
            "POST",
            "/internal/allocation",
            Access.control(OperatorRole.ADMIN, ServiceRoles.CONTROLLER),
            this::allocate));
    router.add(
        new Router.Route(
            "GET",
            "/internal/allocation",
            Access.control(OperatorRole.READONLY, ServiceRoles.CONTROLLER),
            request ->
                Response.ok(
                    allocations
                        .current()
                        .orElseThrow(() -> ApiException.notFound("no allocation received yet"))
                        .toJson())));
    router.add(
        new Router.Route(
            "GET",
            "/internal/cache",
            Access.control(OperatorRole.READONLY),
            request -> Response.ok(stats())));
    router.add(
        new Router.Route(
            "POST", "/internal/faults", Access.control(OperatorRole.ADMIN), this::faults));
    // Calls from site peers, refused while fault injection cuts this edge off from them.
    router.add(
        new Router.Route(
            "GET",
            "/internal/peer/videos/{path...}",
            peers,
            (EdgeRoutes.Streaming)
                (exchange, segments, caller) -> {
                  sitePeer(caller);
                  refuseIfPartitioned();
                  objects.servePeer(exchange, segments.subList(3, segments.size()));
                }));
    router.add(
        new Router.Route(
            "GET",
            "/internal/digest",
            peers,
            fromPeer(request -> Response.ok(replication().digest()))));
    router.add(new Router.Route("POST", "/internal/replicate", peers, fromPeer(this::replicate)));
    prepositions.routes(router);
    if (prediction != null) prediction.routes(router);
    if (parentTier) {
      // Child edges' fills (docs/topology.md, "Cache tiers"): any edge's certificate, whatever its
      // site; a viewer never reaches it (the control listener), so no signed URL is asked for.
      router.add(
          new Router.Route(
              "GET",
              "/internal/tier/videos/{path...}",
              peers,
              (EdgeRoutes.Streaming)
                  (exchange, segments, caller) ->
                      objects.serveTier(
                          exchange,
                          segments.subList(3, segments.size()),
                          childVersion(exchange.request().headers().get(PeerHeaders.VERSION)),
                          onlyIfCached(exchange.request().headers()))));
    }
  }

  /** RFC 9111 section 5.2.1.7: {@code Cache-Control: only-if-cached}, in any of the lines. */
  static boolean onlyIfCached(HttpHeaders headers) {
    return headers.getAll("Cache-Control").stream()
        .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("only-if-cached"));
  }

  /** A child's {@code X-Cache-Version}: absent is 0; anything but a whole number is refused. */
  static long childVersion(String header) {
    if (header == null) return 0;
    try {
      long version = Long.parseLong(header.strip());
      if (version >= 0) return version;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badRequest(
        PeerHeaders.VERSION + " must be a whole number, was '" + header + "'");
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

  /**
   * The broker's invalidation; {@code version} (the index's new one) is kept so no older copy is
   * served again.
   */
  private Response invalidate(Request request) {
    JsonNode tree = object(request);
    String videoId = videoId(tree);
    JsonNode version = tree.path("version");
    if (!version.isMissingNode() && !version.isNull() && !version.canConvertToLong()) {
      throw ApiException.badRequest("version must be a whole number");
    }
    if (version.canConvertToLong()) versions.learn(videoId, version.asLong());
    fills.invalidate(videoId);
    int removed = tiers.invalidate(videoId);
    log.info(
        "invalidated {} (known version {}): {} objects removed",
        videoId,
        versions.known(videoId),
        removed);
    return Response.ok(
        version.canConvertToLong()
            ? Map.of("removedObjects", removed, "version", versions.known(videoId))
            : Map.of("removedObjects", removed));
  }

  /**
   * The controller's plan for this edge; an older generation than the current one is refused (409).
   */
  private Response allocate(Request request) {
    Allocation next = Allocation.parse(object(request), name);
    allocations.replace(next);
    log.info(
        "edge {} allocation generation {}: {} whole, {} prefix ({} segments), {} elsewhere",
        name,
        next.generation(),
        next.whole().size(),
        next.prefix().size(),
        next.prefixSegments(),
        next.elsewhere().size());
    return Response.ok(next.toJson());
  }

  /**
   * A peer announced an object it admitted: {@code
   * {"videoId","path","version","source","sourceUrl"}}.
   */
  private Response replicate(Request request) {
    EdgeReplication r = replication();
    JsonNode tree = object(request);
    String videoId = videoId(tree);
    String path = tree.path("path").asText("");
    String source = tree.path("source").asText("");
    if (path.isBlank()
        || path.contains("..")
        || source.isBlank()
        || !tree.path("version").canConvertToLong()) {
      throw ApiException.badRequest("body must be {\"videoId\",\"path\",\"version\",\"source\"}");
    }
    String caller = request.caller().service().map(ServiceIdentity::name).orElse("");
    if (!source.equals(caller)) {
      throw ApiException.forbidden(
          request.caller().describe()
              + " may not announce objects of '"
              + source
              + "': source must be the caller");
    }
    ReplicaDecision decision =
        r.offered(new CacheKey(videoId, path), tree.path("version").asLong(), source);
    if (decision == ReplicaDecision.UNKNOWN_PEER) {
      throw new ApiException(
          403,
          "unknown_peer",
          "'"
              + source
              + "' is not an UP edge of this site; announcements are pulled only from known peers");
    }
    return Response.json(
        decision == ReplicaDecision.QUEUED ? 202 : 200, Map.of("decision", decision.name()));
  }

  private Response faults(Request request) {
    if (faults == null)
      throw ApiException.notFound("fault injection is off (edge.fault-injection=false)");
    JsonNode on = object(request).path("partitioned");
    if (!on.isBoolean())
      throw ApiException.badRequest("body must be {\"partitioned\": true|false}");
    faults.partitioned(on.asBoolean());
    log.warn(
        "edge {} {} its site peers by fault injection",
        name,
        on.asBoolean() ? "is cut off from" : "is reconnected to");
    return Response.ok(Map.of("partitioned", on.asBoolean()));
  }

  private Handler fromPeer(Handler handler) {
    return request -> {
      sitePeer(request.caller());
      refuseIfPartitioned();
      return handler.handle(request);
    };
  }

  /** Only an edge of this edge's own site may fill from it, read its digest or announce to it. */
  private void sitePeer(Caller caller) {
    ServiceIdentity peer =
        caller
            .service()
            .orElseThrow(() -> ApiException.forbidden("only a site peer may call this"));
    if (!peer.role().equals(ServiceRoles.EDGE) || !peer.site().equals(site)) {
      throw ApiException.forbidden(peer.uri() + " is not an edge of site " + site);
    }
  }

  private void refuseIfPartitioned() {
    if (faults != null && faults.partitioned()) {
      throw new ApiException(
          503, "partitioned", "this edge is cut off from its peers by fault injection");
    }
  }

  private EdgeReplication replication() {
    if (replication == null)
      throw ApiException.notFound("replication is off on this edge (no edge.index.peers)");
    return replication;
  }

  private static JsonNode object(Request request) {
    JsonNode tree = request.jsonTree();
    if (!tree.isObject()) throw ApiException.badRequest("body must be a JSON object");
    return tree;
  }

  private static String videoId(JsonNode tree) {
    if (!tree.path("videoId").isTextual() || tree.path("videoId").asText().isBlank()) {
      throw ApiException.badRequest("body must be {\"videoId\": \"...\"}");
    }
    return VideoId.require("videoId", tree.path("videoId").asText());
  }
}
