package org.telcocdn.cache.predict;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelUpdate;
import org.telcocdn.predict.signal.EdgeSignals;

/**
 * The predictor's one thread: every {@value #STEP_MILLIS} ms it drains the feed into the {@link
 * EdgePredictor}; with a controller, every tick it asks for a newer global model and every round
 * sends the edge's update. Network answers come back on the HTTP client's threads and are handed to
 * this thread before they touch the model.
 */
public final class PredictorThread implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PredictorThread.class);
  static final long STEP_MILLIS = 500;

  private final EdgePredictor predictor;
  private final DemandFeed feed;
  private final ModelExchange exchange;
  private final PredictMetrics metrics;
  private final ScheduledExecutorService executor;
  private final String site;
  private volatile long threadId = -1;

  /**
   * @param exchange the controller, or null: the edge learns alone
   */
  PredictorThread(
      EdgePredictor predictor,
      DemandFeed feed,
      ModelExchange exchange,
      PredictMetrics metrics,
      String name,
      String site,
      long roundMillis) {
    this.site = site;
    this.predictor = predictor;
    this.feed = feed;
    this.exchange = exchange;
    this.metrics = metrics;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r ->
                Thread.ofPlatform()
                    .daemon()
                    .name(name + "-predict")
                    .unstarted(
                        () -> {
                          threadId = Thread.currentThread().threadId();
                          r.run();
                        }));
    executor.scheduleWithFixedDelay(
        guarded(() -> predictor.step(feed)), STEP_MILLIS, STEP_MILLIS, TimeUnit.MILLISECONDS);
    if (exchange != null) {
      long tick = EdgeSignals.TICK_SECONDS * 1000L;
      executor.scheduleWithFixedDelay(guarded(this::fetch), 0, tick, TimeUnit.MILLISECONDS);
      executor.scheduleWithFixedDelay(
          guarded(this::send), roundMillis, roundMillis, TimeUnit.MILLISECONDS);
      long relay = EdgePredictor.CROSS_SITE_SECONDS * 1000L;
      executor.scheduleWithFixedDelay(guarded(this::relay), relay, relay, TimeUnit.MILLISECONDS);
    }
  }

  private void fetch() {
    handle(exchange.fetch(predictor.joined() ? predictor.version() : -1), false);
  }

  /** Reports this edge's rates and takes the other sites' (docs/prediction.md, "Online"). */
  private void relay() {
    exchange
        .crossSite(site, predictor.takeReports())
        .whenComplete(
            (rates, error) -> {
              if (error != null) log.debug("cross-site report not taken: {}", error.toString());
              else if (!executor.isShutdown())
                executor.execute(guarded(() -> predictor.elsewhere(rates)));
            });
  }

  private void send() {
    ModelUpdate update = predictor.update();
    if (update == null) {
      metrics.round(RoundOutcome.SKIPPED);
      return;
    }
    handle(exchange.send(update), true);
  }

  private void handle(CompletableFuture<Optional<GlobalModel>> answer, boolean sent) {
    answer.whenComplete(
        (model, error) -> {
          if (executor.isShutdown()) return;
          executor.execute(guarded(() -> take(model, error, sent)));
        });
  }

  private void take(Optional<GlobalModel> model, Throwable error, boolean sent) {
    if (error != null) {
      metrics.round(RoundOutcome.FAILED);
      // a model read fails every tick while the controller is down: once per round is enough
      if (sent) log.warn("model update not taken by the controller: {}", error.toString());
      else log.debug("global model not read from the controller: {}", error.toString());
      return;
    }
    if (sent) metrics.round(RoundOutcome.SENT);
    if (model.isPresent() && predictor.adopt(model.get())) {
      metrics.round(RoundOutcome.ADOPTED);
      log.info("adopted global model version {}", model.get().version());
    }
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("predictor step failed, next step goes on: {}", e.toString());
      }
    };
  }

  /** CPU time of the predictor's thread so far, in seconds. */
  double cpuSeconds() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long id = threadId;
    if (id < 0 || !threads.isThreadCpuTimeSupported()) return 0;
    long nanos = threads.getThreadCpuTime(id);
    return nanos < 0 ? 0 : nanos / 1e9;
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(2, TimeUnit.SECONDS);
    if (exchange != null) exchange.close();
  }
}
