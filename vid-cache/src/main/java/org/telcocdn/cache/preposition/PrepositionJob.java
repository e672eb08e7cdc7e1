package org.telcocdn.cache.preposition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.telcocdn.cache.storage.CacheKey;

/**
 * One job: a title (or some of its objects) to fill on this edge, from its upstream (the parents,
 * else the origin) or from {@code from}, a site peer. Its objects are known once the origin's
 * manifest is read ({@code checking} until then); workers take them one at a time ({@link #next}).
 * States: checking, running, done, failed, refused, unknown_content, cancelled, expired (its
 * deadline, the fill window's end, passed).
 *
 * <p>Each object done is counted under where its bytes came from ({@code sources}: {@code origin},
 * {@code parent:NAME}, {@code peer:NAME}, or {@code held} when the edge already had it), and {@code
 * source} sums them up for the controller's unit: the one place the fetched objects came from,
 * {@code mixed} when they came from several, {@code held} when none was fetched, and before the
 * first object the planned one ({@code peer:FROM}, else {@code parents} or {@code origin}). {@code
 * sourceBytes} are the same objects' bytes per source: the controller shows what each parent cache
 * sent (docs/continuum.md, "The tiers' part").
 */
final class PrepositionJob {
  static final String HELD = "held";

  /** One object to fill, with its size from the origin's manifest. */
  record Item(CacheKey key, long size) {}

  final String id;
  final String videoId;
  final List<String> paths;
  final String from;

  /** Where the job expects its bytes from, until an object says: peer:FROM, parents or origin. */
  private final String planned;

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

  /** Objects done per source, in the order first seen; at most one key per peer and parent. */
  private final Map<String, Long> sources = new LinkedHashMap<>(); // guarded by this

  /** Bytes of those objects per source, the same keys. */
  private final Map<String, Long> sourceBytes = new LinkedHashMap<>(); // guarded by this

  PrepositionJob(
      String id,
      String videoId,
      List<String> paths,
      String from,
      String upstream,
      int priority,
      long deadline,
      TokenBucket bucket) {
    this.id = id;
    this.videoId = videoId;
    this.paths = List.copyOf(paths);
    this.from = from;
    this.planned = from == null ? upstream : "peer:" + from;
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

  /** {@code source}: where the bytes came from ({@code held}: they were here already). */
  void filled(Item item, String source) {
    synchronized (this) {
      sources.merge(source, 1L, Long::sum);
      sourceBytes.merge(source, item.size(), Long::sum);
    }
    objectsDone.incrementAndGet();
    bytesDone.addAndGet(item.size());
    settle();
  }

  synchronized String source() {
    List<String> fetched = sources.keySet().stream().filter(k -> !k.equals(HELD)).toList();
    if (fetched.size() == 1) return fetched.getFirst();
    if (fetched.size() > 1) return "mixed";
    return sources.isEmpty() ? planned : HELD;
  }

  synchronized Map<String, Long> sources() {
    return new LinkedHashMap<>(sources);
  }

  synchronized Map<String, Long> sourceBytes() {
    return new LinkedHashMap<>(sourceBytes);
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
    m.put("source", source());
    m.put("sources", sources());
    m.put("sourceBytes", sourceBytes());
    m.put("priority", priority);
    if (reason != null) m.put("reason", reason);
    return m;
  }
}
