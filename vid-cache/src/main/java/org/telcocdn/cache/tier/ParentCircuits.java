package org.telcocdn.cache.tier;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One circuit per parent cache: closed until a failure that says the parent is down or overloaded
 * ({@link ParentFailure#opensCircuit}), then open for {@code retryAfter}, during which fills skip
 * it without a connection attempt; after that the next fill tries it again (half open) and its
 * outcome closes the circuit or opens it anew. Without it, every miss while a parent is down would
 * wait for its connect timeout before going on.
 */
final class ParentCircuits {
  private final ConcurrentHashMap<String, Long> openUntil = new ConcurrentHashMap<>();
  private final long retryAfterNanos;
  private final LongSupplier nanoTime;

  ParentCircuits(Duration retryAfter, LongSupplier nanoTime) {
    this.retryAfterNanos = retryAfter.toNanos();
    this.nanoTime = nanoTime;
  }

  boolean open(Parent parent) {
    Long until = openUntil.get(parent.name());
    return until != null && nanoTime.getAsLong() - until < 0;
  }

  void failed(Parent parent, ParentFailure reason) {
    if (reason.opensCircuit()) openUntil.put(parent.name(), nanoTime.getAsLong() + retryAfterNanos);
  }

  void succeeded(Parent parent) {
    openUntil.remove(parent.name());
  }
}
