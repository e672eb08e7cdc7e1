package org.telcocdn.common.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code http.server.requests} timers, one per method, route and status, looked up in a map of
 * our own: building a Micrometer id and registering it per request costs more than many handlers.
 */
final class RequestTimers {
  private record Key(String method, String route, int status) {}

  /** Any other method a client invents is tagged OTHER, so clients cannot grow the tag set. */
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private final MeterRegistry registry;
  private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

  RequestTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String method, String route, int status, long nanos) {
    if (registry == null) return;
    String tag = METHODS.contains(method) ? method : "OTHER";
    timers
        .computeIfAbsent(
            new Key(tag, route, status),
            k ->
                Timer.builder("http.server.requests")
                    .tag("method", k.method())
                    .tag("route", k.route())
                    .tag("status", Integer.toString(k.status()))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
