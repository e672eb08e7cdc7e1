package org.telcocdn.metadata;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.common.service.Service;
import org.telcocdn.metadata.store.Database;
import org.telcocdn.metadata.store.JdbcVideoRepository;
import org.telcocdn.metadata.store.VideoRepository;

/**
 * vid-metadata, the catalog: a database (H2 by default, PostgreSQL by URL), the REST API of
 * docs/contracts.md, /openapi.json, and invalidation notices to the broker after changes. Catalog
 * reads are on the viewer listener (the player page lists the catalog); writes on the control
 * listener.
 */
public final class MetadataServer implements Service {
  private static final int INVALIDATION_ATTEMPTS = 4;
  private static final Duration INVALIDATION_BACKOFF = Duration.ofMillis(250);

  private final Database database;
  private final InvalidationNotifier invalidations;
  private final HttpServer http;
  private final ServiceSecurity security;

  private MetadataServer(
      Database database,
      InvalidationNotifier invalidations,
      HttpServer http,
      ServiceSecurity security) {
    this.database = database;
    this.invalidations = invalidations;
    this.http = http;
    this.security = security;
  }

  public static MetadataServer start(MetadataConfig config) {
    ServiceSecurity security = ServiceSecurity.load(config.security(), MetadataConfig.SERVICE);
    Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    try {
      PrometheusMeterRegistry registry =
          Metrics.registry(MetadataConfig.SERVICE, config.host() + ":" + config.port());
      VideoRepository repository =
          new JdbcVideoRepository(database.dataSource(), Clock.systemUTC());
      InvalidationNotifier invalidations =
          new InvalidationNotifier(
              config.brokerControlUrl(),
              security.client(Duration.ofSeconds(2)),
              INVALIDATION_ATTEMPTS,
              INVALIDATION_BACKOFF,
              registry);
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
              .limits(config.limits())
              .viewer(config.host(), config.port())
              .control(config.controlHost(), config.controlPort(), security)
              .maxBodyBytes(config.maxBodyBytes())
              .metrics(registry)
              .health(
                  () -> repository.reachable() ? Health.up() : Health.down("database unreachable"))
              .get(
                  "/openapi.json",
                  Access.viewer(),
                  request -> Response.bytes(200, "application/json", openApi))
              .start();
      return new MetadataServer(database, invalidations, http, security);
    } catch (RuntimeException e) {
      database.close();
      security.close();
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

  /** {@code https://} when {@code security.viewer-tls.*} makes the viewer listener HTTPS. */
  @Override
  public String url() {
    return http.url();
  }

  @Override
  public int controlPort() {
    return http.controlPort();
  }

  @Override
  public List<Router.Route> routes() {
    return http.routes();
  }

  @Override
  public void close() {
    http.close();
    invalidations.close();
    database.close();
    security.close();
  }
}
