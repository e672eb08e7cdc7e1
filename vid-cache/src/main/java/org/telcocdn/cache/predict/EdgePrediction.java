package org.telcocdn.cache.predict;

import io.micrometer.core.instrument.MeterRegistry;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;

/**
 * Prediction on one edge, composed: the {@link DemandTap} for the viewer pipeline, the {@link
 * EdgePredictor} on its {@link PredictorThread}, and {@code GET /internal/predictions} on the
 * control listener (operators {@code readonly}+, the controller), which answers the last tick's
 * view as JSON.
 */
public final class EdgePrediction implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgePrediction.class);

  private final DemandTap tap;
  private final EdgePredictor predictor;
  private final PredictorThread thread;

  private EdgePrediction(DemandTap tap, EdgePredictor predictor, PredictorThread thread) {
    this.tap = tap;
    this.predictor = predictor;
    this.thread = thread;
  }

  /** Starts the predictor's thread; {@code tls} is the edge's client context for the controller. */
  public static EdgePrediction start(
      PredictConfig config, String edge, String site, MeterRegistry registry, SSLContext tls) {
    DemandFeed feed = new DemandFeed(config.queue());
    PredictMetrics metrics = new PredictMetrics(registry);
    EdgePredictor predictor =
        new EdgePredictor(edge, site, config, metrics, System::currentTimeMillis);
    ModelExchange exchange =
        config.federated() ? new ModelExchange(config.controllerUrl(), tls) : null;
    PredictorThread thread =
        new PredictorThread(
            predictor, feed, exchange, metrics, edge, site, config.round().toMillis());
    metrics.watch(registry, feed, thread);
    log.info(
        "edge {}: demand prediction on, threshold {}, {}",
        edge,
        config.threshold(),
        exchange == null
            ? "learning alone (edge.predict.controller-url not set)"
            : "federated with " + config.controllerUrl() + " every " + config.round());
    return new EdgePrediction(new DemandTap(feed), predictor, thread);
  }

  public DemandTap tap() {
    return tap;
  }

  public void routes(Router router) {
    router.add(
        new Router.Route(
            "GET",
            "/internal/predictions",
            Access.control(OperatorRole.READONLY, ServiceRoles.CONTROLLER),
            r -> Response.ok(predictor.view().toJson())));
  }

  @Override
  public void close() throws InterruptedException {
    thread.close();
  }
}
