package org.telcocdn.metadata;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.service.Service;
import org.telcocdn.metadata.store.Database;
import org.telcocdn.metadata.store.JdbcVideoRepository;
import org.telcocdn.metadata.store.VideoRepository;

/**
 * vid-metadata, the catalog: a database (H2 by default, PostgreSQL by URL), the REST API of
 * docs/contracts.md, /openapi.json, and invalidation notices to the broker after changes.
 */
public final class MetadataServer implements Service {
  private static final int INVALIDATION_ATTEMPTS = 4;
  private static final Duration INVALIDATION_BACKOFF = Duration.ofMillis(250);

  private final Database database;
  private final InvalidationNotifier invalidations;
  private final HttpServer http;

  private MetadataServer(Database database, InvalidationNotifier invalidations, HttpServer http) {
    this.database = database;
    this.invalidations = invalidations;
    this.http = http;
  }

  public static MetadataServer start(MetadataConfig config) {
    Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    try {
      PrometheusMeterRegistry registry =
          Metrics.registry(MetadataConfig.SERVICE, config.host() + ":" + config.port());
      VideoRepository repository =
          new JdbcVideoRepository(database.dataSource(), Clock.systemUTC());
      InvalidationNotifier invalidations =
          new InvalidationNotifier(
              config.brokerUrl(), INVALIDATION_ATTEMPTS, INVALIDATION_BACKOFF, registry);
      VideoRoutes routes =
          new VideoRoutes(
              repository,
              new PlayLinks(config.brokerUrl()),
              invalidations,
              CatalogWrite.counters(registry));
      byte[] openApi = openApi();
      HttpServer http =
          routes
              .register(HttpServer.builder(MetadataConfig.SERVICE))
              .host(config.host())
              .port(config.port())
              .maxBodyBytes(config.maxBodyBytes())
              .metrics(registry)
              .health(
                  () -> repository.reachable() ? Health.up() : Health.down("database unreachable"))
              .get("/openapi.json", request -> Response.bytes(200, "application/json", openApi))
              .start();
      return new MetadataServer(database, invalidations, http);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static byte[] openApi() {
    try (InputStream in = MetadataServer.class.getResourceAsStream("/openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json is missing from the classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
    invalidations.close();
    database.close();
  }
}
