package org.telcocdn.client;

import java.net.URI;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.ConnectionLimits;
import org.telcocdn.common.security.SecurityConfig;

/**
 * Where the web pages are served and which APIs they talk to. The viewer URLs (metadata, broker,
 * analytics' beacons) are handed to the browser through {@code /config.json}, so they must be
 * reachable from the browser, not only from this server. The operator page is served from the
 * control listener and reads analytics and the controller through this server ({@code /ops/...}),
 * so their control URLs need only be reachable from here. The keys, defaults and meanings are
 * listed once, in docs/configuration.md ("client"); ConfigurationDocTest (cli) keeps that table and
 * {@link #from} in step.
 */
public record ClientConfig(
    String host,
    int port,
    String metadataUrl,
    String brokerUrl,
    String analyticsUrl,
    String controlHost,
    int controlPort,
    String analyticsControlUrl,
    String controllerUrl,
    SecurityConfig security,
    ConnectionLimits limits) {
  public ClientConfig {
    metadataUrl = baseUrl("client.metadata-url", metadataUrl);
    brokerUrl = baseUrl("client.broker-url", brokerUrl);
    // Optional: a system without the analytics service still plays; the player then sends no
    // beacons.
    analyticsUrl = optional("client.analytics-url", analyticsUrl);
    analyticsControlUrl = optional("client.analytics-control-url", analyticsControlUrl);
    controllerUrl = optional("client.controller-url", controllerUrl);
  }

  public static ClientConfig from(Settings s) {
    ClientConfig config =
        new ClientConfig(
            s.string("client.host", "127.0.0.1"),
            s.port("client.port", 8000),
            s.string("client.metadata-url", "http://127.0.0.1:8081"),
            s.string("client.broker-url", "http://127.0.0.1:8080"),
            s.string("client.analytics-url", "http://127.0.0.1:8095"),
            s.string("client.control-host", "127.0.0.1"),
            s.port("client.control-port", 7000),
            s.string("client.analytics-control-url", "https://127.0.0.1:7095"),
            s.string("client.controller-url", "https://127.0.0.1:8096"),
            SecurityConfig.from(s),
            ConnectionLimits.from(s, "client", ConnectionLimits.VIEWER_MAX_CONNECTIONS));
    s.logValues("client");
    return config;
  }

  private static String optional(String key, String value) {
    return value == null || value.isBlank() ? "" : baseUrl(key, value);
  }

  /** The pages append paths such as {@code /api/videos}, so a trailing slash would double up. */
  private static String baseUrl(String key, String value) {
    String trimmed = value == null ? "" : value.strip();
    while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
    try {
      URI uri = URI.create(trimmed);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) return trimmed;
    } catch (IllegalArgumentException e) {
      // reported below with the rule
    }
    throw new ConfigException(key + " must be an absolute http(s) URL, was '" + value + "'");
  }
}
