package org.telcocdn.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * The edge's membership at the broker: register, heartbeat every interval, register again when the
 * broker answers 404 (it restarted or timed the edge out), keep trying quietly while it is down,
 * and leave with a DELETE on close. Runs on its own thread, never on an event loop.
 */
final class BrokerLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);

  private final String brokerUrl;
  private final String name;
  private final Map<String, Object> registration;
  private final Supplier<EdgeLoad> load;
  private final JsonHttpClient http;
  private final ScheduledExecutorService timer;
  private volatile boolean registered;
  private volatile boolean reachable = true;

  BrokerLink(
      String brokerUrl,
      String name,
      String url,
      String site,
      long diskCapacity,
      Duration interval,
      Supplier<EdgeLoad> load) {
    this.brokerUrl =
        brokerUrl.endsWith("/") ? brokerUrl.substring(0, brokerUrl.length() - 1) : brokerUrl;
    this.name = name;
    this.registration =
        Map.of("name", name, "url", url, "site", site, "diskCapacityBytes", diskCapacity);
    this.load = load;
    this.http = new JsonHttpClient(Duration.ofSeconds(2));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("broker-link-" + name).daemon().factory());
    timer.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One heartbeat now, e.g. to announce draining before the next tick. */
  void beatNow() {
    timer.execute(this::beat);
  }

  private void beat() {
    try {
      if (!registered) register();
      http.post(brokerUrl + "/api/edges/" + name + "/heartbeat", load.get(), Void.class);
      recovered();
    } catch (ApiException e) {
      if (e.status() == 404) {
        log.info("broker does not know {}; registering again", name);
        registered = false;
      } else {
        lost(e);
      }
    } catch (RuntimeException e) {
      lost(e);
    }
  }

  private void register() {
    http.post(brokerUrl + "/api/edges", registration, Map.class);
    registered = true;
    log.info("registered {} at {}", name, brokerUrl);
  }

  private void recovered() {
    if (!reachable) log.info("broker {} reachable again", brokerUrl);
    reachable = true;
  }

  private void lost(Exception e) {
    if (reachable)
      log.warn("broker {} unreachable, retrying every tick: {}", brokerUrl, e.getMessage());
    reachable = false;
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(3, TimeUnit.SECONDS);
      http.delete(brokerUrl + "/api/edges/" + name);
      log.info("deregistered {} from {}", name, brokerUrl);
    } catch (ApiException e) {
      log.info("could not deregister {}: {}", name, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
