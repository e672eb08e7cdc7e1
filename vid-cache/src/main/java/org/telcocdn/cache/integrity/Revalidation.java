package org.telcocdn.cache.integrity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.integrity.TitleManifests.Manifest;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleCopies;
import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * After a restart, an edge without a cache index asks the origin about every title it still holds
 * before serving it again, so an invalidation missed while it was down (or cut off) is not served
 * forever. An edge with an index does not need this: the index's versions, read within a tick of
 * the start, drop whatever was invalidated meanwhile.
 *
 * <p>Each title held on disk at start is unconfirmed until the origin's manifest ({@link
 * TitleManifests}, one call per title) has been compared with it, as an HTTP cache revalidates with
 * {@code If-None-Match}: every held object must still be at the origin with the same size and ETag;
 * those that are not are dropped, and all of them when the origin no longer has the title. A sweep
 * on its own thread asks about every held title in turn, right after start; a request for a title
 * the sweep has not reached yet asks about that title at once and waits for the answer (one origin
 * round trip, off the event loop), and so does every request for it meanwhile. When the origin
 * cannot be asked, the held copies are served (like {@code stale-if-error}) and the sweep asks
 * again later, pausing longer each pass. Once every title is settled, a request pays one volatile
 * read.
 */
public final class Revalidation implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Revalidation.class);
  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  static final Duration MAX_PAUSE = Duration.ofMinutes(1);
  private static final Executor OFF_THE_EVENT_LOOP =
      task -> Thread.ofVirtual().name("revalidation").start(task);

  private final Tiers tiers;
  private final TitleManifests manifests;
  private final IntegrityMetrics metrics;

  /** What the disk held at start, per title not yet confirmed: only these copies are compared. */
  private final Map<String, TitleCopies> unconfirmed = new ConcurrentHashMap<>();

  /**
   * Unconfirmed titles the origin could not be asked about: served as held until the sweep gets an
   * answer.
   */
  private final Set<String> deferred = ConcurrentHashMap.newKeySet();

  private final ConcurrentHashMap<String, CompletableFuture<RevalidationOutcome>> asking =
      new ConcurrentHashMap<>();
  private volatile boolean active;
  private volatile Thread sweeper;

  private Revalidation(Tiers tiers, TitleManifests manifests, IntegrityMetrics metrics) {
    this.tiers = tiers;
    this.manifests = manifests;
    this.metrics = metrics;
  }

  /** Every title the disk holds now is unconfirmed; nothing is asked until {@link #start}. */
  public static Revalidation ofHeldTitles(
      Tiers tiers, TitleManifests manifests, IntegrityMetrics metrics) {
    Revalidation revalidation = new Revalidation(tiers, manifests, metrics);
    revalidation.unconfirmed.putAll(tiers.disk().titles());
    revalidation.active = !revalidation.unconfirmed.isEmpty();
    return revalidation;
  }

  /** For an edge with a cache index: nothing to revalidate. */
  public static Revalidation none() {
    return new Revalidation(null, null, null);
  }

  /** Starts the sweep over the held titles; returns at once. */
  public void start() {
    if (!active) return;
    log.info(
        "{} titles held from before the start are asked of the origin before they are served",
        unconfirmed.size());
    sweeper = Thread.ofVirtual().name("revalidation-sweep").start(this::sweep);
  }

  /**
   * On the request path: whether a request for {@code videoId} waits for {@link #confirm} first.
   */
  public boolean gates(String videoId) {
    return active && unconfirmed.containsKey(videoId) && !deferred.contains(videoId);
  }

  /** Whether some held title is still unconfirmed (the sweep has not settled every one). */
  public boolean pending() {
    return active;
  }

  /**
   * Asks the origin about {@code videoId} (once, however many ask at the same time) and drops what
   * changed; completes when settled, never exceptionally.
   */
  public CompletableFuture<RevalidationOutcome> confirm(String videoId) {
    if (!unconfirmed.containsKey(videoId))
      return CompletableFuture.completedFuture(RevalidationOutcome.CONFIRMED);
    // Settled on a virtual thread: the answer arrives on an event loop, and dropping copies deletes
    // files.
    CompletableFuture<RevalidationOutcome> answer =
        asking.computeIfAbsent(
            videoId,
            id ->
                manifests
                    .of(id)
                    .handleAsync(
                        (manifest, error) -> settle(id, manifest, error), OFF_THE_EVENT_LOOP));
    answer.whenComplete(
        (outcome, e) ->
            asking.remove(videoId, answer)); // outside computeIfAbsent: it may be done already
    return answer;
  }

  private RevalidationOutcome settle(String videoId, Optional<Manifest> manifest, Throwable error) {
    RevalidationOutcome outcome =
        error != null
            ? RevalidationOutcome.UNREACHABLE
            : manifest.isEmpty() ? gone(videoId) : compare(videoId, manifest.get());
    metrics.revalidation(outcome);
    if (outcome == RevalidationOutcome.UNREACHABLE) {
      deferred.add(videoId);
      log.info(
          "title {}: the origin cannot be asked ({}); its held copies are served and it is asked again later",
          videoId,
          error.toString());
    } else {
      unconfirmed.remove(videoId);
      deferred.remove(videoId);
      if (unconfirmed.isEmpty()) active = false;
    }
    return outcome;
  }

  private RevalidationOutcome gone(String videoId) {
    int dropped = tiers.invalidate(videoId);
    log.info(
        "title {} is no longer at the origin: {} objects held from before the start dropped",
        videoId,
        dropped);
    return RevalidationOutcome.GONE;
  }

  /**
   * Objects filled since the start came from the origin as it is now; only what was held at start
   * is compared.
   */
  private RevalidationOutcome compare(String videoId, Manifest manifest) {
    TitleCopies held = unconfirmed.get(videoId);
    if (held == null) return RevalidationOutcome.CONFIRMED; // settled meanwhile
    List<String> changed = new ArrayList<>();
    for (String path : held.paths()) {
      CacheKey key = new CacheKey(videoId, path);
      Optional<ObjectMeta> meta = tiers.disk().meta(key);
      if (meta.isPresent() && !sameAsOrigin(meta.get(), manifest.object(path))) {
        tiers.remove(key);
        changed.add(path);
      }
    }
    if (changed.isEmpty()) return RevalidationOutcome.CONFIRMED;
    log.info(
        "title {}: {} of {} objects held from before the start differ from the origin's, dropped: {}",
        videoId,
        changed.size(),
        held.paths().size(),
        changed.size() > 10 ? changed.subList(0, 10) + "…" : changed);
    return RevalidationOutcome.CHANGED;
  }

  private static boolean sameAsOrigin(ObjectMeta held, Optional<ObjectInfo> origin) {
    if (origin.isEmpty()) return false;
    String etag = origin.get().getEtag().isEmpty() ? null : origin.get().getEtag();
    return origin.get().getSize() == held.size() && Objects.equals(etag, held.etag());
  }

  private void sweep() {
    Duration pause = FIRST_PAUSE;
    while (active) {
      for (String videoId : List.copyOf(unconfirmed.keySet())) confirm(videoId).join();
      if (!active) break;
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
    log.info("every title held from before the start is settled with the origin");
  }

  @Override
  public void close() {
    Thread running = sweeper;
    if (running != null) running.interrupt();
  }
}
