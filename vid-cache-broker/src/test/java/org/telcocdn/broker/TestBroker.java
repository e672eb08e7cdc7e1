package org.telcocdn.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * A broker's settings for tests (ports 0, real credentials from {@link TestCredentials}) and the
 * calls tests make to it: players on the viewer listener, edges with their own certificates,
 * operators with tokens on the control listener.
 */
final class TestBroker {
  static final TestCredentials CREDS = TestCredentials.shared();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final BrokerServer broker;
  private final HttpClient viewer =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final HttpClient operator = TestCredentials.http(CREDS.operatorTls());
  private final Map<ServiceIdentity, HttpClient> services = new ConcurrentHashMap<>();

  TestBroker(BrokerServer broker) {
    this.broker = broker;
  }

  static Settings settings(Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(CREDS.settings(ServiceRoles.BROKER, "broker"));
    all.putAll(
        Map.of("broker.port", "0", "broker.control-port", "0", "broker.background-nice", "0"));
    all.putAll(extra);
    return Settings.of(all);
  }

  static BrokerConfig config(Map<String, String> extra) {
    return BrokerConfig.from(settings(extra));
  }

  static BrokerConfig config() {
    return config(Map.of());
  }

  static ServiceIdentity edge(String name, String site) {
    return new ServiceIdentity(ServiceRoles.EDGE, site, name);
  }

  /** A player's GET on the viewer listener, redirects not followed. */
  HttpResponse<String> play(String path, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(broker.url() + path)).timeout(TIMEOUT).GET();
    headers.forEach(b::header);
    return send(viewer, b);
  }

  HttpResponse<String> play(String path) {
    return play(path, Map.of());
  }

  /** An admin's call on the control listener. */
  HttpResponse<String> admin(String method, String path, String body) {
    return operator(OperatorRole.ADMIN, method, path, body);
  }

  HttpResponse<String> operator(OperatorRole role, String method, String path, String body) {
    return send(
        operator,
        control(method, path, body).header("Authorization", "Bearer " + CREDS.token(role)));
  }

  /** A call by the service {@code identity}, with its certificate. */
  HttpResponse<String> as(ServiceIdentity identity, String method, String path, String body) {
    HttpClient client =
        services.computeIfAbsent(identity, id -> TestCredentials.http(CREDS.service(id)));
    return send(client, control(method, path, body));
  }

  /** Registers {@code name} as itself, its control URL the same as its viewer URL. */
  HttpResponse<String> register(String name, String url, String site) {
    return register(name, url, url, site);
  }

  HttpResponse<String> register(String name, String url, String controlUrl, String site) {
    String body =
        Json.string(
            Map.of(
                "name",
                name,
                "url",
                url,
                "controlUrl",
                controlUrl,
                "site",
                site,
                "diskCapacityBytes",
                1000));
    return as(edge(name, site), "POST", "/api/edges", body);
  }

  private HttpRequest.Builder control(String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create(broker.controlUrl() + path))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
