package org.telcocdn.cache.policy;

import java.util.function.Consumer;

/**
 * Which objects a byte-budgeted cache keeps. The policy owns the budget and the set of resident
 * keys with their sizes, never the bytes: the caller (the edge's disk tier, or the simulator) asks
 * it on every request and deletes whatever it names as evicted.
 *
 * <p>Protocol per request: {@code contains(k)} ? {@code onHit(k)} : {@code onMiss(k, size, sink)}.
 * {@code onMiss} may refuse the object (admission); the victims it evicts to make room are passed
 * to the sink before it returns, and only then. Implementations are not thread-safe: the caller
 * holds one lock around every call.
 */
public interface CachePolicy<K> {

  /** The name used in configuration and in the simulator's output. */
  String name();

  boolean contains(K key);

  /** A request for a resident object. */
  void onHit(K key);

  /**
   * A request for an absent object of {@code size} bytes: records it and either admits it, evicting
   * victims into {@code evicted}, or refuses it (then it is served without being stored).
   */
  boolean onMiss(K key, long size, Consumer<? super K> evicted);

  /** Forgets an object removed for reasons of the caller's (invalidation, failed write). */
  void remove(K key);

  long usedBytes();

  long capacityBytes();

  int objectCount();
}
