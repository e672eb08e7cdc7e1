package org.telcocdn.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telcocdn.common.json.Json;

/**
 * One HTTP request as a handler sees it: path parameters already decoded and checked (no segment is
 * {@code ..}, empty or holds a slash), the body either in memory or, for upload routes, in a
 * temporary file that is deleted after the handler returns.
 */
public record Request(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    HttpHeaders headers,
    byte[] body,
    Path bodyFile,
    InetSocketAddress remote) {

  public String param(String name) {
    String value = pathParams.get(name);
    if (value == null) throw new IllegalArgumentException("route has no parameter " + name);
    return value;
  }

  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  public List<String> queryParams(String name) {
    return query.getOrDefault(name, List.of());
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The JSON body as {@code type}; a body that is not valid JSON or not of that shape is a 400. */
  public <T> T json(Class<T> type) {
    if (body == null || body.length == 0)
      throw ApiException.badRequest("request body is empty; JSON expected");
    try {
      return Json.MAPPER.readValue(body, type);
    } catch (MismatchedInputException e) {
      String field = e.getPath().isEmpty() ? "body" : e.getPathReference();
      throw ApiException.badRequest(
          "field " + field + " has the wrong type: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("request body cannot be read: " + e.getMessage());
    }
  }

  /** The JSON body as a tree, for handlers that check fields one by one. */
  public JsonNode jsonTree() {
    return json(JsonNode.class);
  }
}
