package org.telcocdn.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * The calls {@link RouteCoverageIT} makes at a control route: its path and a body naming things
 * that exist (so a call let through would hurt), and the credentials just short of what the route
 * asks for.
 */
final class RouteProbes {
  private final String videoId;
  private final TestCredentials creds;

  RouteProbes(String videoId, TestCredentials creds) {
    this.videoId = videoId;
    this.creds = creds;
  }

  /**
   * The route's template with its parameters filled with things that exist, so a call that got
   * through would hurt.
   */
  String path(Router.Route route) {
    String t = route.template();
    String rest =
        t.startsWith("/internal/peer/videos/")
            ? videoId + "/master.m3u8"
            : t.startsWith("/ops/") ? "summary" : "master.m3u8";
    return t.replace("{id}", videoId)
        .replace("{videoId}", videoId)
        .replace("{name}", "edge-1")
        .replace("{sid}", "s1")
        .replace("{service}", "analytics")
        .replace("{job}", "t1." + videoId)
        .replace("{path...}", rest);
  }

  /** A body every state-changing route would act on if it let the call through. */
  String body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("videoId", videoId);
    body.put("name", "edge-1");
    body.put("url", "http://attacker.example:80");
    body.put("controlUrl", "https://attacker.example:443");
    body.put("site", "site-a");
    body.put("diskCapacityBytes", 1);
    body.put("reason", "deleted");
    body.put("id", "n9");
    body.put("address", "127.0.0.1:1");
    body.put("generation", Long.MAX_VALUE / 2);
    body.put("edge", "edge-1");
    body.put("partitioned", true);
    body.put("path", "master.m3u8");
    body.put("version", 999);
    body.put("source", "edge-2");
    body.put("draining", true);
    body.put("job", "t1." + videoId);
    body.put("trigger", Map.of("type", "purge", "content.ccid", List.of(videoId)));
    return Json.string(body);
  }

  /**
   * An operator token whose role is just below the route's minimum, or any token where operators
   * may not call.
   */
  Optional<String> wrongRoleToken(Access access) {
    if (access.operators() == null) return Optional.of(creds.token(OperatorRole.ADMIN));
    int below = access.operators().ordinal() - 1;
    return below < 0 ? Optional.empty() : Optional.of(creds.token(OperatorRole.values()[below]));
  }

  /** A service whose role the route does not accept, when there is one. */
  Optional<ServiceIdentity> wrongService(Access access) {
    if (access.services().contains(Access.ANY_SERVICE)) return Optional.empty();
    for (String role : List.of(ServiceRoles.CLIENT, ServiceRoles.ANALYTICS, ServiceRoles.ORIGIN)) {
      if (!access.services().contains(role))
        return Optional.of(ServiceIdentity.of(role, "intruder"));
    }
    return Optional.empty();
  }

  HttpResponse<String> call(
      HttpClient client, String base, Router.Route route, String path, String token) {
    boolean changes = route.changesState();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                route.method(),
                changes
                    ? HttpRequest.BodyPublishers.ofString(body())
                    : HttpRequest.BodyPublishers.noBody());
    if (changes) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(base + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
