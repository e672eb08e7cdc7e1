package org.telcocdn.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;

/**
 * {@code POST /api/invalidations}: with a cache index, committed there first (503 if it cannot be),
 * then accepted (202) and delivered to the edges in the background with the index's new version.
 */
final class InvalidationApi {
  private final InvalidationFanOut fanOut;

  /** Null without an index. */
  private final InvalidationCommit commit;

  InvalidationApi(InvalidationFanOut fanOut, InvalidationCommit commit) {
    this.fanOut = fanOut;
    this.commit = commit;
  }

  void routes(HttpServer.Builder server) {
    server.post(
        "/api/invalidations",
        Access.control(OperatorRole.OPERATOR, ServiceRoles.METADATA, ServiceRoles.CONTROLLER),
        this::invalidate);
  }

  private Response invalidate(Request request) {
    Invalidation invalidation = request.json(Invalidation.class).validated();
    if (commit != null) invalidation = commit.commit(invalidation);
    int edges = fanOut.submit(invalidation);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("videoId", invalidation.videoId());
    body.put("edges", edges);
    if (fanOut.tierCaches() > 0) body.put("tierCaches", fanOut.tierCaches());
    if (invalidation.version() != null) body.put("version", invalidation.version());
    return Response.json(202, body);
  }
}
