package org.telcocdn.controller.predict;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * Prediction on the controller, composed: {@link FederatedRounds} every {@code
 * controller.predict.round}, {@link SpikeActions} every {@code controller.predict.poll}, both on a
 * thread of their own (an edge that does not answer delays the next poll, never an allocation
 * round), and the {@link ModelApi} routes.
 */
public final class ControllerPrediction implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControllerPrediction.class);

  private final ModelApi api;
  private final ScheduledExecutorService timer;

  private ControllerPrediction(ModelApi api, ScheduledExecutorService timer) {
    this.api = api;
    this.timer = timer;
  }

  /**
   * @param submit submits a CI/T trigger command and returns its id
   */
  public static ControllerPrediction start(
      PredictSettings settings,
      MeterRegistry registry,
      Supplier<List<SpikeActions.Edge>> edges,
      JsonHttpClient http,
      Function<JsonNode, String> submit,
      SpikeBoosts boosts) {
    PredictionMetrics metrics = new PredictionMetrics(registry);
    FederatedRounds rounds =
        new FederatedRounds(FederatedRounds.initial(settings.model()), metrics);
    SpikeActions actions =
        new SpikeActions(edges, http, submit, settings, metrics, boosts, Clock.systemUTC());
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("controller-predict").factory());
    long round = settings.round().toMillis();
    timer.scheduleWithFixedDelay(guarded(rounds::round), round, round, TimeUnit.MILLISECONDS);
    long poll = settings.poll().toMillis();
    timer.scheduleWithFixedDelay(guarded(actions::poll), poll, poll, TimeUnit.MILLISECONDS);
    log.info(
        "prediction: global model version {}{}, a round every {}, alarms read every {}",
        rounds.current().version(),
        settings.model().isEmpty() ? " (fresh)" : " from " + settings.model(),
        settings.round(),
        settings.poll());
    return new ControllerPrediction(
        new ModelApi(rounds, actions, metrics, new CrossSiteRelay(), boosts), timer);
  }

  public HttpServer.Builder routes(HttpServer.Builder http) {
    return api.routes(http);
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("prediction task failed, tried again at the next period: {}", e.toString());
      }
    };
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
