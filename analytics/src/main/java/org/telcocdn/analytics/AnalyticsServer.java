package org.telcocdn.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.accesslog.RecordJson;
import org.telcocdn.common.config.Sizes;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.common.service.Service;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;

/**
 * The analytics service: edge logs in (tailed from files, or {@code POST /api/logs}), player
 * beacons in ({@code POST /api/beacons}), live popularity, QoS and sessions out. See
 * docs/analytics.md for the endpoints. Beacons are the viewer listener's only route (players post
 * them); everything else is on the control listener: the edges' logs, the controller's popularity
 * reads, and the operator page's dashboards through the client's proxy.
 */
public final class AnalyticsServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(AnalyticsServer.class);

  /**
   * How far a player's clock may be from ours before its beacon times are replaced by arrival time.
   */
  private static final long CLOCK_TOLERANCE_MILLIS = 60_000;

  /**
   * "Viewers now": a low-latency player requests a part every 0.33 s and a blocking playlist reload
   * with it, and beacons its latency every 5 s, so 30 s without a record or a beacon means it left
   * (and covers the analytics' own tailing lag of about a second).
   */
  private static final Duration LIVE_WINDOW = Duration.ofSeconds(30);

  private final HttpServer http;
  private final LogIngest ingest;
  private final AnalyticsState state;
  private final ServiceSecurity security;

  private AnalyticsServer(
      HttpServer http, LogIngest ingest, AnalyticsState state, ServiceSecurity security) {
    this.security = security;
    this.http = http;
    this.ingest = ingest;
    this.state = state;
  }

  public static AnalyticsServer start(AnalyticsConfig config) {
    ServiceSecurity security = ServiceSecurity.load(config.security(), "analytics");
    Snapshot snapshot = Snapshot.load(config.stateDir(), config.freshState());
    AnalyticsState state = snapshot.state();
    state.limit(config.limits().maxTitles(), config.limits().maxEdges());
    LogIngest ingest =
        config.logDir() == null
            ? null
            : new LogIngest(
                config.logDir(),
                state,
                snapshot.offsets(),
                config.stateDir(),
                config.pollInterval(),
                config.snapshotInterval());
    PrometheusMeterRegistry registry = Metrics.registry("analytics", "analytics");
    Counter posted =
        Counter.builder("analytics_records_total").tag("source", "http").register(registry);
    Counter beacons =
        Counter.builder("analytics_records_total").tag("source", "beacon").register(registry);
    Gauge.builder("analytics_records_total_file", () -> ingest == null ? 0 : ingest.ingested())
        .register(registry);
    Gauge.builder("analytics_sessions", state::sessionCount).register(registry);
    Gauge.builder("analytics_records_applied", state::records).register(registry);
    Gauge.builder(
            "analytics_live_viewers",
            () -> state.liveViewers(System.currentTimeMillis(), LIVE_WINDOW.toMillis()))
        .description("sessions seen on a live channel within the last 30 s")
        .register(registry);
    Access dashboards = Access.control(OperatorRole.READONLY);
    HttpServer http =
        HttpServer.builder("analytics")
            .viewer(config.host(), config.port())
            .control(config.controlHost(), config.controlPort(), security)
            .limits(config.limits().connections())
            .maxBodyBytes(32L << 20)
            .metrics(registry)
            .post(
                "/api/logs",
                Access.control(OperatorRole.OPERATOR, ServiceRoles.EDGE),
                r -> postLogs(r, state, posted))
            .post("/api/beacons", Access.viewer(), r -> postBeacon(r, state, beacons))
            .get(
                "/api/top",
                Access.control(OperatorRole.READONLY, ServiceRoles.CONTROLLER),
                r -> top(r, state))
            .get(
                "/api/popularity",
                dashboards,
                r ->
                    Response.ok(
                        Map.of(
                            "buckets",
                            state.series(intParam(r, "k", 5), window(r, "1h").toMillis()))))
            .get(
                "/api/qos/edges",
                dashboards,
                r ->
                    Response.ok(
                        Map.of("edges", state.qos(state.edges), "sites", state.edgeSites())))
            .get(
                "/api/qos/titles",
                dashboards,
                r -> Response.ok(Map.of("titles", state.qos(state.titles))))
            .get("/api/sessions", dashboards, r -> sessions(r, state))
            .get("/api/sessions/{sid}", dashboards, r -> session(r, state))
            .get("/api/live", dashboards, r -> live(r, state))
            .get("/api/summary", dashboards, r -> summary(state, ingest))
            .start();
    log.info(
        "analytics on port {}, tailing {}, {} records restored",
        http.port(),
        config.logDir(),
        state.records());
    return new AnalyticsServer(http, ingest, state, security);
  }

  private static Response postLogs(Request r, AnalyticsState state, Counter posted) {
    String body = new String(r.body(), StandardCharsets.UTF_8);
    int accepted = 0;
    int rejected = 0;
    for (String line : body.split("\n")) {
      if (line.isBlank()) continue;
      try {
        state.apply(RecordJson.read(line));
        accepted++;
      } catch (IllegalArgumentException e) {
        rejected++;
      }
    }
    posted.increment(accepted);
    return Response.json(202, Map.of("accepted", accepted, "rejected", rejected));
  }

  private static Response postBeacon(Request r, AnalyticsState state, Counter beacons) {
    // Players send text/plain (a CORS simple request, no preflight); the body is JSON all the same.
    Beacon b = r.json(Beacon.class);
    String problem = b.problem();
    if (problem != null) throw ApiException.badRequest(problem);
    state.apply(b.timedBy(System.currentTimeMillis(), CLOCK_TOLERANCE_MILLIS));
    beacons.increment();
    return Response.noContent();
  }

  private static Response top(Request r, AnalyticsState state) {
    String site = r.queryParam("site").orElse(WindowedTopK.ALL);
    int k = intParam(r, "k", 10);
    Duration window = window(r, "5m");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("site", site);
    out.put("window", window.toString());
    out.put("titles", state.top(site, window.toMillis(), k));
    out.put("sites", state.sites());
    return Response.ok(out);
  }

  private static Response sessions(Request r, AnalyticsState state) {
    boolean live = Boolean.parseBoolean(r.queryParam("live").orElse("false"));
    long idle = live ? window(r, "30s").toMillis() : 0;
    return Response.ok(Map.of("sessions", state.sessions(idle, intParam(r, "limit", 100))));
  }

  private static Response session(Request r, AnalyticsState state) {
    Session.View s = state.session(r.param("sid"));
    if (s == null) throw ApiException.notFound("no session " + r.param("sid"));
    return Response.ok(s);
  }

  /** Live channels' viewers and latency over the window before now (docs/live.md). */
  private static Response live(Request r, AnalyticsState state) {
    Duration window = window(r, "30s");
    if (window.toMillis() < 1000 || window.toMillis() > LiveAudience.RETAIN_MILLIS) {
      throw ApiException.badRequest(
          "window must be from 1s to "
              + LiveAudience.RETAIN_MILLIS / 60_000
              + "m, was '"
              + r.queryParam("window").orElse("")
              + "'");
    }
    long now = System.currentTimeMillis();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("window", window.toString());
    out.put("at", now);
    out.put("channels", state.live(now, window.toMillis()));
    return Response.ok(out);
  }

  private static Response summary(AnalyticsState state, LogIngest ingest) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", state.records());
    out.put("sessions", state.sessionCount());
    out.put("fileRecords", ingest == null ? 0 : ingest.ingested());
    out.put("rejectedLines", ingest == null ? 0 : ingest.rejected());
    return Response.ok(out);
  }

  private static Duration window(Request r, String fallback) {
    String value = r.queryParam("window").orElse(fallback);
    try {
      return Sizes.parseDuration("window", value);
    } catch (RuntimeException e) {
      throw ApiException.badRequest(
          "window must be a duration such as 5m or 1h, was '" + value + "'");
    }
  }

  private static int intParam(Request r, String name, int fallback) {
    String value = r.queryParam(name).orElse(Integer.toString(fallback));
    try {
      int n = Integer.parseInt(value);
      if (n < 1 || n > 1000) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name + " must be an integer from 1 to 1000, was '" + value + "'");
    }
  }

  AnalyticsState state() {
    return state;
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
    if (ingest != null) ingest.close();
    security.close();
  }
}
