package org.telcocdn.cache.storage;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.telcocdn.common.http.ApiException;

/**
 * The current {@link Allocation}: a newer generation replaces it, an older one is refused (409).
 */
public final class Allocations {
  private final AtomicReference<Allocation> current = new AtomicReference<>();

  public void replace(Allocation next) {
    Allocation now =
        current.getAndUpdate(
            old -> old == null || next.generation() >= old.generation() ? next : old);
    if (now != null && next.generation() < now.generation()) {
      throw new ApiException(
          409,
          "conflict",
          "generation " + next.generation() + " is older than the current " + now.generation());
    }
  }

  public Optional<Allocation> current() {
    return Optional.ofNullable(current.get());
  }

  /** On a fill's start: false when the allocation says the object is not stored here. */
  public boolean stores(CacheKey key) {
    Allocation a = current.get();
    return a == null || a.stores(key);
  }
}
