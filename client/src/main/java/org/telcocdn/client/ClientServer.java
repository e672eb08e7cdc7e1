package org.telcocdn.client;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.service.Service;

/**
 * Serves the catalog, player and operator pages, hls.js, and {@code /config.json}, which tells the
 * pages where the metadata API, the broker and the analytics service are. The pages call those
 * services directly from the browser (they send CORS headers), so this server holds no state and
 * proxies nothing.
 */
public final class ClientServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(ClientServer.class);

  private final HttpServer http;

  private ClientServer(HttpServer http) {
    this.http = http;
  }

  public static ClientServer start(ClientConfig config) {
    StaticSite site = StaticSite.load();
    HttpServer.Builder builder =
        HttpServer.builder("client")
            .host(config.host())
            .port(config.port())
            .maxBodyBytes(16 * 1024)
            .metrics(Metrics.registry("client", "client"))
            .get("/config.json", request -> pageConfig(config));
    for (StaticAsset asset : site.assets()) {
      builder.get(asset.urlPath(), asset::serve);
    }
    ClientServer server = new ClientServer(builder.start());
    log.info(
        "client serving {} assets; metadata {} broker {} analytics {}",
        site.assets().size(),
        config.metadataUrl(),
        config.brokerUrl(),
        config.analyticsUrl().isEmpty() ? "(none)" : config.analyticsUrl());
    return server;
  }

  /** Never cached: a restarted stack on other ports must reach the pages on their next load. */
  private static Response pageConfig(ClientConfig config) {
    return Response.ok(
            Map.of(
                "metadataUrl",
                config.metadataUrl(),
                "brokerUrl",
                config.brokerUrl(),
                "analyticsUrl",
                config.analyticsUrl()))
        .header("Cache-Control", "no-store");
  }

  @Override
  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
  }
}
