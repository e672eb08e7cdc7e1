package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.security.OperatorRole;

/**
 * The CI/T interface (RFC 8007) on the controller's control listener: {@code POST /api/triggers} (a
 * trigger command, or a cancel command), {@code GET /api/triggers[?status=]}, {@code GET} and
 * {@code DELETE /api/triggers/{id}}. Writing takes the {@code operator} role, reading {@code
 * readonly}. Commands are {@code application/cdni; ptype=ci-trigger-command} or {@code
 * application/json}; answers name the RFC's media types ({@link CdniMediaType}).
 */
public final class TriggerApi {
  private final Triggers triggers;
  private final TriggerRunner runner;
  private final Fleet fleet;
  private final TierProgress tiers;

  public TriggerApi(
      Triggers triggers,
      TriggerRunner runner,
      Fleet fleet,
      CacheTiers cacheTiers,
      TitleHolders holders) {
    this.triggers = triggers;
    this.runner = runner;
    this.fleet = fleet;
    this.tiers = new TierProgress(cacheTiers, holders);
  }

  public HttpServer.Builder routes(HttpServer.Builder http) {
    return http.post("/api/triggers", Access.control(OperatorRole.OPERATOR), this::command)
        .get("/api/triggers", Access.control(OperatorRole.READONLY), this::collection)
        .get(
            "/api/triggers/{id}",
            Access.control(OperatorRole.READONLY),
            r -> CdniMediaType.status(200, view(require(r.param("id")))))
        .delete("/api/triggers/{id}", Access.control(OperatorRole.OPERATOR), this::delete);
  }

  private Response command(Request request) {
    CdniMediaType.requireCommand(request);
    JsonNode body = request.jsonTree();
    if (!body.isObject() || body.has("trigger") == body.has("cancel")) {
      throw ApiException.badRequest(
          "body must be a CI/T command: {\"trigger\": {...}} or {\"cancel\": [uri...]}");
    }
    return body.has("cancel") ? cancel(body.get("cancel")) : submit(body.get("trigger"));
  }

  private Response submit(JsonNode trigger) {
    TriggerCommand command = TriggerCommand.parse(trigger, sitesFor(trigger), triggers.now());
    Trigger created = triggers.submit(command);
    runner.kick();
    return CdniMediaType.status(201, view(created))
        .header("Location", TriggerView.location(created.id()));
  }

  /** Only a location policy needs the sites, and only then is the broker asked. */
  private java.util.Set<String> sitesFor(JsonNode trigger) {
    return trigger != null
            && trigger.path("extensions").toString().contains(TriggerExtensions.LOCATION)
        ? fleet.sites()
        : java.util.Set.of();
  }

  /**
   * RFC 8007 section 4.3: every URI must name a trigger of this CDN, or nothing is cancelled. The
   * RFC gives the answer to a cancel no payload type: it stays {@code application/json}.
   */
  private Response cancel(JsonNode uris) {
    if (!uris.isArray() || uris.isEmpty())
      throw ApiException.badRequest("cancel: must be a non-empty array of trigger status URIs");
    List<String> ids = new ArrayList<>();
    for (JsonNode uri : uris) {
      String text = uri.asText("");
      String id = text.substring(text.lastIndexOf('/') + 1);
      if (!uri.isTextual() || triggers.get(id).isEmpty())
        throw ApiException.notFound("cancel: no trigger " + text);
      ids.add(id);
    }
    List<Object> out = ids.stream().map(id -> (Object) view(triggers.cancel(id))).toList();
    runner.kick();
    return Response.ok(Map.of("cancelled", out));
  }

  private Response collection(Request request) {
    Optional<TriggerStatus> status =
        request
            .queryParam("status")
            .map(
                s ->
                    TriggerStatus.parse(s)
                        .orElseThrow(
                            () ->
                                ApiException.badRequest(
                                    "status: must be one of pending, active, complete, processed,"
                                        + " failed, cancelling, cancelled; was '"
                                        + s
                                        + "'")));
    List<Trigger> list = triggers.list(status);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("triggers", list.stream().map(t -> TriggerView.location(t.id())).toList());
    body.put("staleresourcetime", triggers.retention().toSeconds());
    body.put("coll-count", list.size());
    body.put("items", list.stream().map(TriggerView::summary).toList());
    return CdniMediaType.collection(body);
  }

  private Response delete(Request request) {
    Optional<Trigger> left = triggers.delete(require(request.param("id")).id());
    runner.kick();
    return left.map(t -> CdniMediaType.status(200, view(t))).orElseGet(Response::noContent);
  }

  /** The status resource, with the tiers' part read now. */
  private Map<String, Object> view(Trigger t) {
    return TriggerView.of(t, tiers.of(t.units()));
  }

  private Trigger require(String id) {
    return triggers.get(id).orElseThrow(() -> ApiException.notFound("no trigger " + id));
  }
}
