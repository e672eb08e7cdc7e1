package org.telcocdn.broker;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small integer ids for edge names, so the session table stores an int per session instead of a
 * reference, with each edge's session counter. Ids are never reused: an edge that leaves and comes
 * back keeps its id, and there are only as many as edges ever registered.
 */
final class EdgeIds {
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<String> names = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<AtomicLong> counters = new CopyOnWriteArrayList<>();

  int id(String name) {
    Integer id = ids.get(name);
    return id != null ? id : register(name);
  }

  String name(int id) {
    return names.get(id);
  }

  AtomicLong counter(int id) {
    return counters.get(id);
  }

  AtomicLong counterOf(String name) {
    Integer id = ids.get(name);
    return id == null ? null : counters.get(id);
  }

  Map<String, Long> counts() {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < names.size(); i++)
      counts.put(names.get(i), Math.max(0, counters.get(i).get()));
    return counts;
  }

  /** Rare (a new edge), so one lock is fine; the counter is published before the id. */
  private synchronized int register(String name) {
    Integer existing = ids.get(name);
    if (existing != null) return existing;
    int id = names.size();
    counters.add(new AtomicLong());
    names.add(name);
    ids.put(name, id);
    return id;
  }
}
