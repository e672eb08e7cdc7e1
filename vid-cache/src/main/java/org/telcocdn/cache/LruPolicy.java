package org.telcocdn.cache;

import java.util.LinkedHashMap;

/** Least recently used: an access-ordered map whose eldest entry is the victim. */
public final class LruPolicy implements CachePolicy {
  private final LinkedHashMap<CacheKey, Boolean> order = new LinkedHashMap<>(64, 0.75f, true);

  @Override
  public void admitted(CacheKey key) {
    order.put(key, Boolean.TRUE);
  }

  @Override
  public void accessed(CacheKey key) {
    order.get(key);
  }

  @Override
  public void removed(CacheKey key) {
    order.remove(key);
  }

  @Override
  public CacheKey victim() {
    return order.isEmpty() ? null : order.firstEntry().getKey();
  }
}
