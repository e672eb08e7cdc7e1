package org.telcocdn.metadata;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.video.VideoId;
import org.telcocdn.metadata.store.DuplicateVideoException;
import org.telcocdn.metadata.store.VideoPage;
import org.telcocdn.metadata.store.VideoQuery;
import org.telcocdn.metadata.store.VideoRepository;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;

/** The REST API of docs/contracts.md ("vid-metadata") over a {@link VideoRepository}. */
final class VideoRoutes {
  private static final Logger log = LoggerFactory.getLogger(VideoRoutes.class);
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** Generated ids are 48 random bits; a retry covers the rare collision. */
  private static final int ID_ATTEMPTS = 3;

  private final VideoRepository repository;
  private final PlayLinks links;
  private final InvalidationNotifier invalidations;
  private final Map<CatalogWrite, Counter> writes;

  VideoRoutes(
      VideoRepository repository,
      PlayLinks links,
      InvalidationNotifier invalidations,
      Map<CatalogWrite, Counter> writes) {
    this.repository = repository;
    this.links = links;
    this.invalidations = invalidations;
    this.writes = writes;
  }

  HttpServer.Builder register(HttpServer.Builder builder) {
    Access write = Access.control(OperatorRole.OPERATOR);
    return builder
        .get("/api/videos", Access.viewer(), this::search)
        .post(
            "/api/videos", Access.control(OperatorRole.OPERATOR, ServiceRoles.ORIGIN), this::create)
        .get("/api/videos/{id}", Access.viewer(), this::get)
        // The same read on the control listener: vid-raw asks there, over mutual TLS, whether a
        // video it
        // committed before a crash was registered (RegistrationRecovery); it calls no viewer
        // listener.
        .get(
            "/api/videos/{id}",
            Access.control(OperatorRole.READONLY, ServiceRoles.ORIGIN),
            this::get)
        .put("/api/videos/{id}", write, this::update)
        // the origin removes the entry of a live channel it stops (docs/live.md)
        .delete(
            "/api/videos/{id}",
            Access.control(OperatorRole.OPERATOR, ServiceRoles.ORIGIN),
            this::delete);
  }

  private Response search(Request request) {
    int limit = intParam(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = intParam(request, "offset", 0, 0, Integer.MAX_VALUE);
    VideoQuery query =
        new VideoQuery(
            request.queryParam("q").orElse(null), request.queryParams("tag"), limit, offset);
    VideoPage page = repository.search(query);
    return Response.ok(
        new VideoPage(page.videos().stream().map(links::apply).toList(), page.total()));
  }

  private Response get(Request request) {
    return Response.ok(links.apply(existing(repository.find(id(request)), id(request))));
  }

  private Response create(Request request) {
    VideoDraft draft = VideoDraftParser.parse(request.jsonTree());
    Video created = draft.id() != null ? insert(draft) : insertWithGeneratedId(draft);
    writes.get(CatalogWrite.CREATE).increment();
    log.info("video {} created", created.id());
    return Response.json(201, links.apply(created))
        .header("Location", "/api/videos/" + created.id());
  }

  private Response update(Request request) {
    String id = id(request);
    VideoDraft draft = VideoDraftParser.parse(request.jsonTree());
    if (draft.id() != null && !draft.id().equals(id)) {
      throw ApiException.badRequest(
          "field id is '" + draft.id() + "' but the path names video " + id);
    }
    Video updated = existing(repository.update(id, draft), id);
    writes.get(CatalogWrite.UPDATE).increment();
    log.info("video {} updated", id);
    invalidations.notify(id, InvalidationReason.UPDATED);
    return Response.ok(links.apply(updated));
  }

  private Response delete(Request request) {
    String id = id(request);
    if (!repository.delete(id)) throw notFound(id);
    writes.get(CatalogWrite.DELETE).increment();
    log.info("video {} deleted", id);
    invalidations.notify(id, InvalidationReason.DELETED);
    return Response.noContent();
  }

  private Video insert(VideoDraft draft) {
    try {
      return repository.create(draft);
    } catch (DuplicateVideoException e) {
      throw ApiException.conflict(e.getMessage());
    }
  }

  private Video insertWithGeneratedId(VideoDraft draft) {
    for (int attempt = 1; ; attempt++) {
      try {
        return repository.create(draft.withId(VideoId.random()));
      } catch (DuplicateVideoException e) {
        if (attempt == ID_ATTEMPTS)
          throw ApiException.conflict("could not generate a free video id");
      }
    }
  }

  private static String id(Request request) {
    String id = request.param("id");
    if (!VideoId.isValid(id)) {
      throw ApiException.badRequest(
          "video id must match [a-z0-9][a-z0-9-]{0,63}, was '" + id + "'");
    }
    return id;
  }

  private static Video existing(Optional<Video> video, String id) {
    return video.orElseThrow(() -> notFound(id));
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("no video with id " + id);
  }

  private static int intParam(Request request, String name, int defaultValue, int min, int max) {
    Optional<String> raw = request.queryParam(name);
    if (raw.isEmpty()) return defaultValue;
    try {
      int value = Integer.parseInt(raw.get().trim());
      if (value >= min && value <= max) return value;
    } catch (NumberFormatException e) {
      // falls through to the same 400 as a value out of range
    }
    throw ApiException.badRequest(
        name
            + " must be a whole number between "
            + min
            + " and "
            + max
            + ", was '"
            + raw.get()
            + "'");
  }
}
