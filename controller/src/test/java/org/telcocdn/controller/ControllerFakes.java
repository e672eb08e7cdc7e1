package org.telcocdn.controller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.telcocdn.cache.allocation.AllocationSettings;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.controller.trigger.TriggerSettings;
import org.telcocdn.index.IndexPeer;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/** What the controller's tests build their fakes of the broker, the edges and the catalog from. */
final class ControllerFakes {
  private static final TestCredentials CREDS = TestCredentials.shared();

  private ControllerFakes() {}

  /**
   * A fake whose control listener takes the controller's calls, with a certificate of {@code role}.
   */
  static HttpServer.Builder control(String name, String role) {
    ServiceSecurity security =
        ServiceSecurity.load(SecurityConfig.from(Settings.of(CREDS.settings(role, name))), name);
    return HttpServer.builder(name).control("127.0.0.1", 0, security);
  }

  /** A fake's viewer URL, or its control URL when it has no viewer listener. */
  static String url(HttpServer server) {
    return server.hasViewerListener()
        ? "http://127.0.0.1:" + server.port()
        : "https://127.0.0.1:" + server.controlPort();
  }

  /** The catalog: every title whose id starts with {@code v} exists, no other does. */
  static HttpServer.Builder catalog() {
    return HttpServer.builder("fake-metadata")
        .viewer("127.0.0.1", 0)
        .get(
            "/api/videos/{id}",
            Access.viewer(),
            r -> {
              if (!r.param("id").startsWith("v")) throw ApiException.notFound("no video");
              return Response.ok(Map.of("id", r.param("id")));
            });
  }

  /**
   * A controller for the trigger tests: the broker's URL doubles as analytics' (rounds every hour,
   * so none runs during a test), triggers ticking every 100 ms.
   */
  static ControllerConfig triggerConfig(
      String brokerUrl, String metadataUrl, List<IndexPeer> indexPeers, TriggerSettings triggers) {
    return new ControllerConfig(
            "127.0.0.1",
            0,
            brokerUrl,
            brokerUrl,
            metadataUrl,
            Duration.ofHours(1),
            Duration.ofMinutes(5),
            100,
            0.5,
            new AllocationSettings(0.35, 15),
            0.5,
            2,
            1L << 30,
            indexPeers,
            null,
            Duration.ofSeconds(2),
            SecurityConfig.from(Settings.of(CREDS.settings(ServiceRoles.CONTROLLER, "controller"))))
        .withTriggers(triggers);
  }

  /**
   * An edge as the broker's {@code GET /api/edges} lists it, its control URL that of {@code
   * server}.
   */
  static Map<String, Object> edgeView(
      String name, HttpServer server, String site, String state, long capacity) {
    return Map.of(
        "name",
        name,
        "url",
        "http://127.0.0.1:1",
        "controlUrl",
        url(server),
        "site",
        site,
        "state",
        state,
        "load",
        Map.of("activeConnections", 0, "diskCapacityBytes", capacity));
  }
}
