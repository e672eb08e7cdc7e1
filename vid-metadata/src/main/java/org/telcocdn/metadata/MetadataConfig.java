package org.telcocdn.metadata;

import java.net.URI;
import java.net.URISyntaxException;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Everything vid-metadata reads from {@link Settings}, with its defaults. The keys, defaults and
 * meanings are listed once, in docs/configuration.md ("vid-metadata"); ConfigurationDocTest (cli)
 * keeps that table and {@link #from} in step.
 */
public record MetadataConfig(
    String host,
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String brokerUrl,
    long maxBodyBytes) {

  public static final String SERVICE = "vid-metadata";
  public static final String DEFAULT_DB_URL = "jdbc:h2:file:.cdn/data/metadata/videos";

  public MetadataConfig {
    checkDbUrl(dbUrl);
    brokerUrl = checkBrokerUrl(brokerUrl);
  }

  public static MetadataConfig from(Settings s) {
    MetadataConfig config =
        new MetadataConfig(
            s.string("metadata.host", "127.0.0.1"),
            s.port("metadata.port", 8081),
            s.string("metadata.db.url", DEFAULT_DB_URL),
            s.string("metadata.db.user", "sa"),
            s.string("metadata.db.password", ""),
            s.string("metadata.broker-url", "http://127.0.0.1:8080"),
            s.bytes("metadata.max-body-bytes", 64 * 1024, 1024));
    s.logValues(SERVICE);
    return config;
  }

  /** Whether the catalog lives in PostgreSQL rather than the embedded H2 default. */
  public boolean postgres() {
    return dbUrl.startsWith("jdbc:postgresql:");
  }

  private static void checkDbUrl(String url) {
    if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
      throw new ConfigException(
          "metadata.db.url must start with jdbc:h2: or jdbc:postgresql:, was '" + url + "'");
    }
  }

  private static String checkBrokerUrl(String url) {
    String trimmed = url == null ? "" : url.replaceAll("/+$", "");
    try {
      URI uri = new URI(trimmed);
      if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new URISyntaxException(trimmed, "not an absolute http(s) URL");
      }
      return trimmed;
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "metadata.broker-url must be an http(s) URL such as http://127.0.0.1:8080, was '"
              + url
              + "'");
    }
  }
}
