package org.telcocdn.broker;

import java.util.Map;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;

/** {@code POST /api/invalidations}: accepted at once (202), delivered to the edges in the background. */
final class InvalidationApi {
  private final InvalidationFanOut fanOut;

  InvalidationApi(InvalidationFanOut fanOut) {
    this.fanOut = fanOut;
  }

  void routes(HttpServer.Builder server) {
    server.post("/api/invalidations", this::invalidate);
  }

  private Response invalidate(Request request) {
    Invalidation invalidation = request.json(Invalidation.class).validated();
    int edges = fanOut.submit(invalidation);
    return Response.json(202, Map.of("videoId", invalidation.videoId(), "edges", edges));
  }
}
