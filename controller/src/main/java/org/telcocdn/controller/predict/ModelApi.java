package org.telcocdn.controller.predict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.video.VideoId;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelCodec;
import org.telcocdn.predict.model.ModelUpdate;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;

/**
 * The federated rounds on the controller's control listener (docs/prediction.md, "Online"):
 *
 * <ul>
 *   <li>{@code POST /api/predict/updates}: an edge's update ({@link ModelCodec}, at most 64 KB;
 *       edges only, and only for the edge its certificate names) → 200 with the current global
 *       model; 413 over 64 KB, 400 for what does not decode or has another shape, 403 for another
 *       edge's name;
 *   <li>{@code GET /api/predict/model?after=V}: the global model if newer than {@code V}, else 204
 *       (edges, operators {@code readonly}+);
 *   <li>{@code POST /api/predict/cross-site}: an edge's titles' new-session rates for its own site
 *       ({@code {"site", "rates": {videoId: rate}}}) → {@code {"elsewhere": {videoId: rate}}}, the
 *       other sites' ({@link CrossSiteRelay});
 *   <li>{@code GET /api/predict[?floor=P]}: the rounds, the actions and, per site, the titles
 *       predicted at or above {@code P} with the site's last decisions, as JSON (operators {@code
 *       readonly}+).
 * </ul>
 */
public final class ModelApi {
  private static final String BINARY = "application/octet-stream";

  /**
   * The page's default floor: a fresh model's prior is about 0.02, so 0.1 shows the titles the
   * model has started to single out without listing the whole catalogue's noise.
   */
  private static final double DEFAULT_FLOOR = 0.1;

  private final FederatedRounds rounds;
  private final SpikeActions actions;
  private final PredictionMetrics metrics;
  private final CrossSiteRelay crossSite;
  private final SpikeBoosts boosts;

  ModelApi(
      FederatedRounds rounds,
      SpikeActions actions,
      PredictionMetrics metrics,
      CrossSiteRelay crossSite,
      SpikeBoosts boosts) {
    this.boosts = boosts;
    this.crossSite = crossSite;
    this.rounds = rounds;
    this.actions = actions;
    this.metrics = metrics;
  }

  public HttpServer.Builder routes(HttpServer.Builder http) {
    return http.post("/api/predict/updates", Access.services(ServiceRoles.EDGE), this::update)
        .get(
            "/api/predict/model",
            Access.control(OperatorRole.READONLY, ServiceRoles.EDGE),
            this::model)
        .post("/api/predict/cross-site", Access.services(ServiceRoles.EDGE), this::crossSite)
        .get("/api/predict", Access.control(OperatorRole.READONLY), r -> Response.ok(status(r)));
  }

  private Response update(Request request) {
    byte[] body = request.body() == null ? new byte[0] : request.body();
    if (body.length > ModelCodec.MAX_BYTES) {
      metrics.update(UpdateOutcome.OVERSIZE, 1);
      throw new ApiException(
          413,
          "too_large",
          "a model update is at most " + ModelCodec.MAX_BYTES + " bytes, was " + body.length);
    }
    ModelUpdate update = decode(body);
    ServiceIdentity edge =
        request.caller().service().orElseThrow(() -> ApiException.forbidden("edges only"));
    if (!edge.name().equals(update.edge())) {
      metrics.update(UpdateOutcome.FORBIDDEN, 1);
      throw ApiException.forbidden(
          edge.uri() + " may not send the update of edge '" + update.edge() + "'");
    }
    if (update.weights().length != rounds.weights() || !finite(update.weights())) {
      metrics.update(UpdateOutcome.WRONG_SHAPE, 1);
      throw ApiException.badRequest(
          "a model update has "
              + rounds.weights()
              + " finite weights, this one "
              + update.weights().length);
    }
    rounds.offer(update);
    return global(rounds.current());
  }

  /**
   * An edge's report of its titles' new-session rates, for its own site only; the answer is the
   * other sites' rates.
   */
  private Response crossSite(Request request) {
    JsonNode body = request.jsonTree();
    String site = body.path("site").asText("");
    ServiceIdentity edge =
        request.caller().service().orElseThrow(() -> ApiException.forbidden("edges only"));
    if (!edge.site().equals(site))
      throw ApiException.forbidden(edge.uri() + " may not report for site '" + site + "'");
    JsonNode rates = body.path("rates");
    if (!rates.isObject()) throw ApiException.badRequest("rates: an object of video id → rate");
    Map<String, Double> parsed = new LinkedHashMap<>();
    for (var e : rates.properties()) {
      if (!VideoId.isValid(e.getKey())
          || !e.getValue().isNumber()
          || !(e.getValue().asDouble() >= 0 && e.getValue().asDouble() < 1e9))
        throw ApiException.badRequest(
            "rates: '"
                + e.getKey()
                + "' must be a video id with a rate from 0 (sessions a minute)");
      parsed.put(e.getKey(), e.getValue().asDouble());
    }
    metrics.crossSiteReport();
    return Response.ok(
        Map.of(
            "elsewhere", crossSite.report(site, parsed, java.time.Instant.now().getEpochSecond())));
  }

  private ModelUpdate decode(byte[] body) {
    try {
      return ModelCodec.decodeUpdate(body);
    } catch (IllegalArgumentException e) {
      metrics.update(UpdateOutcome.MALFORMED, 1);
      throw ApiException.badRequest("not a model update: " + e.getMessage());
    }
  }

  private Response model(Request request) {
    long after;
    try {
      after = Long.parseLong(request.queryParam("after").orElse("-1"));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "after: a model version (an integer), was '"
              + request.queryParam("after").orElse("")
              + "'");
    }
    GlobalModel current = rounds.current();
    return current.version() > after ? global(current) : Response.noContent();
  }

  private static Response global(GlobalModel model) {
    return Response.bytes(200, BINARY, ModelCodec.encode(model));
  }

  private static boolean finite(float[] weights) {
    for (float w : weights) if (!Float.isFinite(w)) return false;
    return true;
  }

  private Map<String, Object> status(Request request) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", rounds.toJson());
    m.put("actions", actions.recent());
    m.put("sites", actions.sites(floor(request)));
    m.put("boosts", boosts.toJson());
    return m;
  }

  /** {@code floor}: the lowest probability a title is shown with (alarms always are). */
  private static double floor(Request request) {
    String raw = request.queryParam("floor").orElse(String.valueOf(DEFAULT_FLOOR));
    double floor;
    try {
      floor = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      floor = Double.NaN;
    }
    if (!(floor >= 0 && floor <= 1))
      throw ApiException.badRequest("floor: a probability from 0 to 1, was '" + raw + "'");
    return floor;
  }
}
