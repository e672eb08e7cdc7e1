package org.telcocdn.cache.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.HttpMeta;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.cache.storage.Tiers;

/**
 * Invalidation of an URL after an unsafe request (RFC 9111 §4.4): every stored response of it, its
 * variants and slices included, stops being served at once, and fills in flight for it store
 * nothing.
 *
 * <p>The variants and slices of an URL are not indexed by URL (that would cost memory per object
 * for a rare event), so removing them walks the tiers' indexes, on a background thread. Until that
 * walk is done, a mark says that whatever of the URL was obtained up to the invalidation is gone:
 * lookups check the mark (one map read, the map almost always empty), so the very next request
 * misses even before the walk has run. One walk serves every URL marked when it starts, and at most
 * one more is queued: a burst of unsafe requests costs a few walks, not one each, and neither the
 * queue nor the marks outgrow the URLs invalidated since the last walk.
 */
public final class Invalidations {
  private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

  private final ConcurrentHashMap<CacheKey, Long> marks = new ConcurrentHashMap<>();
  private final Tiers tiers;
  private final Fills fills;
  private final Executor sweeper;
  private final AtomicBoolean sweepQueued = new AtomicBoolean();

  public Invalidations(Tiers tiers, Fills fills, Executor sweeper) {
    this.tiers = tiers;
    this.fills = fills;
    this.sweeper = sweeper;
  }

  /** Invalidates {@code url} (a key whose path is an URL, without variant or slice). */
  public void invalidate(CacheKey url) {
    long now = System.currentTimeMillis();
    marks.merge(url, now, Math::max);
    tiers.remove(url);
    fills.discardIf(key -> part(key, url));
    if (sweepQueued.compareAndSet(false, true)) sweeper.execute(this::sweep);
  }

  /**
   * Whether {@code meta}, found under {@code url}, was obtained before an invalidation still being
   * swept.
   */
  public boolean invalidated(CacheKey url, ObjectMeta meta) {
    if (marks.isEmpty()) return false;
    Long mark = marks.get(url);
    HttpMeta http = meta.http();
    return mark != null && http != null && http.responseMillis() <= mark;
  }

  private void sweep() {
    sweepQueued.set(false); // a mark set from now on queues the next walk
    Map<CacheKey, Long> batch = Map.copyOf(marks);
    int removed =
        tiers.disk().removeIf((key, meta) -> marked(batch, key, meta)).size()
            + tiers.memory().removeIf((key, meta) -> marked(batch, key, meta)).size();
    batch.forEach(marks::remove); // a URL marked again meanwhile keeps its newer mark
    log.debug("invalidated {}: {} stored parts removed", batch.keySet(), removed);
  }

  private static boolean marked(Map<CacheKey, Long> batch, CacheKey key, ObjectMeta meta) {
    if (!HttpKeys.isHttp(key)) return false;
    Long mark = batch.get(new CacheKey(key.videoId(), HttpKeys.url(key.path())));
    return mark != null && obtainedBy(meta, mark);
  }

  private static boolean obtainedBy(ObjectMeta meta, long mark) {
    return meta.http() == null || meta.http().responseMillis() <= mark;
  }

  private static boolean part(CacheKey key, CacheKey url) {
    return key.videoId().equals(url.videoId()) && HttpKeys.url(key.path()).equals(url.path());
  }
}
