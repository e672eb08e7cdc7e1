package org.telcocdn.cache.predict;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.telcocdn.common.json.Json;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelCodec;
import org.telcocdn.predict.model.ModelUpdate;

/**
 * The edge's side of the federated rounds, over the controller's control listener with the edge's
 * own certificate (mutual TLS; the controller checks that the update's edge is the certificate's):
 * {@code POST /api/predict/updates} sends an update ({@link ModelCodec}, about 2 KB, never a
 * request) and answers with the current global model; {@code GET /api/predict/model?after=V}
 * answers with the global model if it is newer than {@code V}, else 204. Asynchronous: the
 * predictor's thread never waits on the network.
 */
final class ModelExchange {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String BINARY = "application/octet-stream";

  private final HttpClient http;
  private final String controller;

  ModelExchange(String controllerUrl, SSLContext tls) {
    this.controller = controllerUrl;
    this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT).build();
  }

  CompletableFuture<Optional<GlobalModel>> send(ModelUpdate update) {
    return call(
        HttpRequest.newBuilder(URI.create(controller + "/api/predict/updates"))
            .timeout(TIMEOUT)
            .header("Content-Type", BINARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(ModelCodec.encode(update)))
            .build());
  }

  /** The global model if newer than {@code after} (-1: whatever the controller has). */
  CompletableFuture<Optional<GlobalModel>> fetch(long after) {
    return call(
        HttpRequest.newBuilder(URI.create(controller + "/api/predict/model?after=" + after))
            .timeout(TIMEOUT)
            .GET()
            .build());
  }

  /**
   * The cross-site relay: this edge's titles' new-session rates for its site; answers the other
   * sites' rates of every title the controller knows ({@code POST /api/predict/cross-site}).
   */
  CompletableFuture<Map<String, Double>> crossSite(String site, Map<String, Double> rates) {
    byte[] body = Json.bytes(Map.of("site", site, "rates", rates));
    return http.sendAsync(
            HttpRequest.newBuilder(URI.create(controller + "/api/predict/cross-site"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(ModelExchange::elsewhere);
  }

  private static Map<String, Double> elsewhere(HttpResponse<byte[]> response) {
    if (response.statusCode() != 200)
      throw new IllegalStateException("controller answered " + response.statusCode());
    Map<String, Double> out = new HashMap<>();
    try {
      Json.MAPPER
          .readTree(response.body())
          .path("elsewhere")
          .properties()
          .forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the controller's digest is not JSON", e);
    }
    return out;
  }

  private CompletableFuture<Optional<GlobalModel>> call(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(ModelExchange::model);
  }

  private static Optional<GlobalModel> model(HttpResponse<byte[]> response) {
    if (response.statusCode() == 204) return Optional.empty();
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "controller answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return Optional.of(ModelCodec.decodeGlobal(response.body()));
  }

  void close() {
    http.close();
  }
}
