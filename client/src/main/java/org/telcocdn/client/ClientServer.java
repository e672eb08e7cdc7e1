package org.telcocdn.client;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.common.service.Service;
import org.telcocdn.security.OperatorRole;

/**
 * Serves the catalog and player pages, hls.js and {@code /config.json} on the viewer listener (the
 * pages call the metadata API, the broker and analytics' beacons directly from the browser, which
 * send CORS headers); and the operator page on the control listener, whose reads of analytics and
 * the controller go through {@link OperatorProxy} with the operator's token, same-origin, so no
 * control API sends CORS headers. The operator page's files are open (they hold no secret: the page
 * asks the operator for a token); everything it reads needs the token.
 */
public final class ClientServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(ClientServer.class);

  /** What only the operator page uses: served on the control listener alone. */
  private static final Set<String> OPERATOR_ONLY =
      Set.of(
          "/operator.html",
          "/js/operator.js",
          "/js/charts.js",
          "/js/predictions.js",
          "/js/live-card.js",
          "/css/operator.css",
          "/vendor/uPlot.iife.min.js",
          "/vendor/uPlot.min.css");

  /** Shared by both pages: served on both listeners. */
  private static final Set<String> SHARED =
      Set.of("/favicon.svg", "/css/site.css", "/js/api.js", "/js/format.js");

  private final HttpServer http;
  private final ServiceSecurity security;

  private ClientServer(HttpServer http, ServiceSecurity security) {
    this.http = http;
    this.security = security;
  }

  public static ClientServer start(ClientConfig config) {
    ServiceSecurity security = ServiceSecurity.load(config.security(), "client");
    StaticSite site = StaticSite.load();
    OperatorProxy proxy =
        new OperatorProxy(
            Map.of("analytics", config.analyticsControlUrl(), "controller", config.controllerUrl()),
            security.clientContext());
    HttpServer.Builder builder =
        HttpServer.builder("client")
            .viewer(config.host(), config.port())
            .control(config.controlHost(), config.controlPort(), security)
            .limits(config.limits())
            .maxBodyBytes(16 * 1024)
            .metrics(Metrics.registry("client", "client"))
            .get("/config.json", Access.viewer(), request -> pageConfig(config))
            .get("/ops/{service}/{path...}", Access.control(OperatorRole.READONLY), proxy::forward);
    for (StaticAsset asset : site.assets()) {
      boolean operator = OPERATOR_ONLY.contains(asset.urlPath());
      if (!operator) builder.get(asset.urlPath(), Access.viewer(), asset::serve);
      if (operator || SHARED.contains(asset.urlPath()))
        builder.get(asset.urlPath(), Access.openControl(), asset::serve);
    }
    try {
      ClientServer server = new ClientServer(builder.start(), security);
      log.info(
          "client serving {} assets; metadata {} broker {} analytics {}",
          site.assets().size(),
          config.metadataUrl(),
          config.brokerUrl(),
          config.analyticsUrl().isEmpty() ? "(none)" : config.analyticsUrl());
      return server;
    } catch (RuntimeException e) {
      security.close();
      throw e;
    }
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
    security.close();
  }
}
