package org.telcocdn.cache.preposition;

import java.util.Map;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;

/**
 * {@code /internal/preposition} on the edge's control listener: the controller (or an admin)
 * pushes, reads and cancels jobs. A push the allocation or the disk budget does not allow is
 * refused with 409 and the reason; one whose manifest is not read yet is accepted as {@code
 * checking} and may turn {@code refused} once it is (the controller reads the state).
 */
public final class PrepositionApi {
  private final Prepositions prepositions;
  private final Allocations allocations;

  public PrepositionApi(Prepositions prepositions, Allocations allocations) {
    this.prepositions = prepositions;
    this.allocations = allocations;
  }

  public void routes(Router router) {
    Access controller = Access.control(OperatorRole.ADMIN, ServiceRoles.CONTROLLER);
    router.add(new Router.Route("POST", "/internal/preposition", controller, this::push));
    router.add(
        new Router.Route(
            "GET",
            "/internal/preposition",
            Access.control(OperatorRole.READONLY, ServiceRoles.CONTROLLER),
            r ->
                Response.ok(
                    Map.of(
                        "jobs",
                        prepositions.jobs().stream().map(PrepositionJob::toJson).toList()))));
    router.add(
        new Router.Route(
            "GET",
            "/internal/preposition/{job}",
            Access.control(OperatorRole.READONLY, ServiceRoles.CONTROLLER),
            r -> Response.ok(require(r).toJson())));
    router.add(
        new Router.Route(
            "DELETE",
            "/internal/preposition/{job}",
            controller,
            r ->
                Response.ok(
                    prepositions.cancel(r.param("job")).orElseThrow(() -> missing(r)).toJson())));
  }

  private Response push(Request request) {
    PrepositionRequest req = PrepositionRequest.parse(request.jsonTree());
    if (!allocations.stores(new CacheKey(req.videoId(), "master.m3u8"))) {
      throw new ApiException(
          409,
          "allocation_elsewhere",
          "the controller's allocation places "
              + req.videoId()
              + " on another edge of the site; not stored here");
    }
    PrepositionJob job = prepositions.submit(req);
    switch (job.state()) {
      case "refused" ->
          throw new ApiException(409, "no_room", String.valueOf(job.toJson().get("reason")));
      case "unknown_content" ->
          throw new ApiException(
              404, "unknown_content", String.valueOf(job.toJson().get("reason")));
      default -> {}
    }
    return Response.json(202, job.toJson());
  }

  private PrepositionJob require(Request r) {
    return prepositions.job(r.param("job")).orElseThrow(() -> missing(r));
  }

  private static ApiException missing(Request r) {
    return ApiException.notFound("no preposition job " + r.param("job"));
  }
}
