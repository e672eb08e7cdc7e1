package org.telcocdn.cache.preposition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.telcocdn.cache.storage.CacheKey;

/**
 * One job: a title (or some of its objects) to fill on this edge, from the origin or from {@code
 * from}, a site peer. Its objects are known once the origin's manifest is read ({@code checking}
 * until then); workers take them one at a time ({@link #next}). States: checking, running, done,
 * failed, refused, unknown_content, cancelled, expired (its deadline, the fill window's end,
 * passed).
 */
final class PrepositionJob {
  /** One object to fill, with its size from the origin's manifest. */
  record Item(CacheKey key, long size) {}

  final String id;
  final String videoId;
  final List<String> paths;
  final String from;
  final int priority;
  final long deadline;
  final long created = System.nanoTime();

  /** The job's own cap, or null when it is the edge's. */
  final TokenBucket bucket;

  private volatile String state = "checking";
  private volatile String reason;
  private volatile List<Item> items = List.of();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong objectsDone = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile long bytesTotal;

  PrepositionJob(
      String id,
      String videoId,
      List<String> paths,
      String from,
      int priority,
      long deadline,
      TokenBucket bucket) {
    this.id = id;
    this.videoId = videoId;
    this.paths = List.copyOf(paths);
    this.from = from;
    this.priority = priority;
    this.deadline = deadline;
    this.bucket = bucket;
  }

  String state() {
    return state;
  }

  boolean running() {
    return state.equals("running");
  }

  /** Still owed to the disk budget: what is neither done nor failed. */
  long promisedBytes() {
    return running() || state.equals("checking") ? Math.max(0, bytesTotal - bytesDone.get()) : 0;
  }

  boolean live() {
    return state.equals("checking") || running();
  }

  boolean stopped() {
    return !running();
  }

  synchronized void start(List<Item> objects) {
    if (!state.equals("checking")) return;
    items = List.copyOf(objects);
    bytesTotal = objects.stream().mapToLong(Item::size).sum();
    state = objects.isEmpty() ? "done" : "running";
  }

  synchronized void end(String next, String why) {
    if (!live()) return;
    state = next;
    reason = why;
  }

  /** The next object to fill, or null when every one is taken. */
  Item next() {
    if (!running()) return null;
    int i = next.getAndIncrement();
    if (i >= items.size()) return null;
    inFlight.incrementAndGet();
    return items.get(i);
  }

  boolean drained() {
    return next.get() >= items.size();
  }

  void filled(Item item) {
    objectsDone.incrementAndGet();
    bytesDone.addAndGet(item.size());
    settle();
  }

  void failed(Item item, String why) {
    failed.incrementAndGet();
    reason = item.key().path() + ": " + why;
    settle();
  }

  /** Taken but not filled (cancelled, expired): nothing counted. */
  void dropped() {
    inFlight.decrementAndGet();
  }

  void backingOff(String why) {
    reason = "backing off: " + why;
  }

  private synchronized void settle() {
    inFlight.decrementAndGet();
    if (running() && drained() && inFlight.get() == 0) {
      state = "done";
      if (failed.get() == 0) reason = null;
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", id);
    m.put("videoId", videoId);
    m.put("state", state);
    m.put("objects", items.size());
    m.put("bytes", bytesTotal);
    m.put("objectsDone", objectsDone.get());
    m.put("bytesDone", bytesDone.get());
    m.put("failedObjects", failed.get());
    m.put("source", from == null ? "origin" : "peer:" + from);
    m.put("priority", priority);
    if (reason != null) m.put("reason", reason);
    return m;
  }
}
