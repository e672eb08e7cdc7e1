package org.telcocdn.raw.http;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.raw.ingest.Ingest;
import org.telcocdn.raw.store.InvalidObjectPathException;
import org.telcocdn.raw.store.StoredObject;
import org.telcocdn.raw.store.VideoStore;

/**
 * The origin's HTTP API: ingest (an upload route, so the body streams to disk and the size limit is
 * enforced while it arrives; admitted at its head by the transcode queue, which answers 503 with
 * {@code Retry-After} when full) and a plain read of stored objects for debugging and benchmarks.
 * Edges use gRPC, not this.
 */
public final class OriginRoutes {
  private static final int MAX_NAME_LENGTH = 200;

  private final Ingest ingest;
  private final VideoStore store;

  public OriginRoutes(Ingest ingest, VideoStore store) {
    this.ingest = ingest;
    this.store = store;
  }

  public HttpServer.Builder register(HttpServer.Builder builder) {
    return builder
        .upload("POST", "/api/ingest", this::ingest, ingest.queue())
        .get("/api/objects/{id}/{path...}", this::object);
  }

  private Response ingest(Request request) throws InterruptedException {
    String name =
        request
            .queryParam("name")
            .map(String::strip)
            .filter(n -> !n.isEmpty())
            .orElseThrow(() -> ApiException.badRequest("query parameter 'name' is required"));
    if (name.length() > MAX_NAME_LENGTH)
      throw ApiException.badRequest("name is longer than " + MAX_NAME_LENGTH + " characters");
    List<String> tags =
        request.queryParams("tag").stream()
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .distinct()
            .toList();
    if (request.bodyFile() == null)
      throw ApiException.badRequest("the video file is expected as the request body");
    return Response.json(201, ingest.ingest(request.bodyFile(), name, tags));
  }

  private Response object(Request request) throws IOException {
    StoredObject object;
    try {
      object =
          store
              .find(request.param("id"), request.param("path"))
              .orElseThrow(
                  () ->
                      ApiException.notFound(
                          "no object "
                              + request.param("path")
                              + " in video "
                              + request.param("id")));
    } catch (InvalidObjectPathException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (request.header("If-None-Match").filter(object.etag()::equals).isPresent()) {
      return Response.bytes(304, null, new byte[0]).header("ETag", object.etag());
    }
    return Response.bytes(200, object.contentType(), Files.readAllBytes(object.file()))
        .header("ETag", object.etag())
        .header(
            "Last-Modified",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(object.lastModifiedMillis()).atZone(ZoneOffset.UTC)));
  }
}
