package org.telcocdn.client;

import java.net.URI;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Where the web pages are served and which APIs they talk to. The URLs are handed to the browser
 * through {@code /config.json}, so they must be reachable from the browser, not only from this
 * server. The keys, defaults and meanings are listed once, in docs/configuration.md ("client");
 * ConfigurationDocTest (cli) keeps that table and {@link #from} in step.
 */
public record ClientConfig(
    String host, int port, String metadataUrl, String brokerUrl, String analyticsUrl) {
  public ClientConfig {
    metadataUrl = baseUrl("client.metadata-url", metadataUrl);
    brokerUrl = baseUrl("client.broker-url", brokerUrl);
    // Optional: a system without the analytics service still plays; the player then sends no
    // beacons.
    analyticsUrl =
        analyticsUrl == null || analyticsUrl.isBlank()
            ? ""
            : baseUrl("client.analytics-url", analyticsUrl);
  }

  /** Without an analytics service: the pages send no beacons. */
  public ClientConfig(String host, int port, String metadataUrl, String brokerUrl) {
    this(host, port, metadataUrl, brokerUrl, "");
  }

  public static ClientConfig from(Settings s) {
    ClientConfig config =
        new ClientConfig(
            s.string("client.host", "127.0.0.1"),
            s.port("client.port", 8000),
            s.string("client.metadata-url", "http://127.0.0.1:8081"),
            s.string("client.broker-url", "http://127.0.0.1:8080"),
            s.string("client.analytics-url", "http://127.0.0.1:8095"));
    s.logValues("client");
    return config;
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
