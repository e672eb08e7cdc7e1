package org.telcocdn.cache.preposition;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.integrity.TitleManifests;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.http.ApiException;

/**
 * The edge's preposition jobs and the few workers that fill them, behind viewers:
 *
 * <ul>
 *   <li>{@code concurrency} objects in flight at most, on their own connection to the origin (the
 *       {@code origin} source given here), so a viewer's miss never waits behind a fill's stream;
 *   <li>every object first takes its bytes from the edge's token bucket ({@code rate}), and from
 *       its job's when the trigger named a lower rate;
 *   <li>before each object, the workers wait while {@link ViewerLoad} says viewers load the edge;
 *   <li>each fill is an ordinary {@link Fills#pull}: shared with a viewer's fill of the same key,
 *       stored on commit, never twice; an object already held at the known version is counted
 *       without a fetch, so a job pushed again after a restart fetches only what is missing.
 * </ul>
 *
 * Jobs are accepted only while what they still owe fits {@code budget-share} of the disk.
 */
public final class Prepositions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Prepositions.class);
  private static final int PULL_ATTEMPTS = 3;

  private final PrepositionConfig config;
  private final Tiers tiers;
  private final Fills fills;
  private final TitleVersions versions;
  private final TitleManifests manifests;
  private final Allocations allocations;
  private final FillSource origin;

  /** What {@code origin} is, for a job's planned source: parents or origin. */
  private final String upstream;

  private final BiFunction<String, CacheKey, Optional<FillSource>> peers;
  private final ViewerLoad load;
  private final TokenBucket bucket;
  private final Map<String, PrepositionJob> jobs = new LinkedHashMap<>(); // guarded by this
  private final List<Thread> workers = new ArrayList<>();
  private final Counter stored;
  private final Counter held;
  private final Counter failures;
  private final Counter backoffs;
  private volatile boolean closed;

  /**
   * @param origin where a first copy comes from: the edge's parents (then the origin), or the
   *     origin
   * @param upstream {@code parents} or {@code origin}: which of the two {@code origin} is
   * @param peers where a key may come from inside the site, given the job's {@code from} peer (or
   *     null): that peer, or a site peer holding it; empty = the origin
   */
  public Prepositions(
      PrepositionConfig config,
      Tiers tiers,
      Fills fills,
      TitleVersions versions,
      TitleManifests manifests,
      Allocations allocations,
      FillSource origin,
      String upstream,
      BiFunction<String, CacheKey, Optional<FillSource>> peers,
      ViewerLoad load,
      MeterRegistry registry) {
    this.config = config;
    this.tiers = tiers;
    this.fills = fills;
    this.versions = versions;
    this.manifests = manifests;
    this.allocations = allocations;
    this.origin = origin;
    this.upstream = upstream;
    this.peers = peers;
    this.load = load;
    this.bucket = new TokenBucket(config.rate());
    this.stored = counter(registry, "stored");
    this.held = counter(registry, "held");
    this.failures = counter(registry, "failed");
    this.backoffs =
        Counter.builder("edge_preposition_backoffs")
            .description("waits of a preposition worker while viewers loaded the edge")
            .register(registry);
    for (int i = 0; i < config.concurrency(); i++) {
      workers.add(Thread.ofVirtual().name("preposition-" + i).start(this::work));
    }
  }

  /** A new job, or the same job when it is pushed again while live; refusals are ApiExceptions. */
  public PrepositionJob submit(PrepositionRequest request) {
    PrepositionJob job;
    synchronized (this) {
      PrepositionJob existing = jobs.get(request.job());
      if (existing != null && existing.live()) return existing;
      makeRoom();
      TokenBucket own =
          request.rate() > 0 && request.rate() < config.rate()
              ? new TokenBucket(request.rate())
              : null;
      job =
          new PrepositionJob(
              request.job(),
              request.videoId(),
              request.paths(),
              request.from(),
              upstream,
              request.priority(),
              request.deadline(),
              own);
      jobs.put(job.id, job);
    }
    manifests.of(request.videoId()).whenComplete((m, e) -> resolve(job, m, e));
    return job;
  }

  public synchronized Optional<PrepositionJob> job(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  public synchronized List<PrepositionJob> jobs() {
    return List.copyOf(jobs.values());
  }

  /** Stops a job: no object is started after this; the one in flight finishes. */
  public Optional<PrepositionJob> cancel(String id) {
    Optional<PrepositionJob> job = job(id);
    job.ifPresent(j -> j.end("cancelled", "cancelled by the controller"));
    return job;
  }

  private void makeRoom() {
    if (jobs.size() < config.maxJobs()) return;
    jobs.values().stream().filter(j -> !j.live()).findFirst().ifPresent(j -> jobs.remove(j.id));
    if (jobs.size() >= config.maxJobs()) {
      throw ApiException.unavailable(
          jobs.size()
              + " preposition jobs are live on this edge (at most "
              + config.maxJobs()
              + ")");
    }
  }

  private void resolve(
      PrepositionJob job, Optional<TitleManifests.Manifest> manifest, Throwable error) {
    if (error != null) {
      job.end("failed", "the origin's manifest cannot be read: " + error);
    } else if (manifest.isEmpty()) {
      job.end("unknown_content", "the origin has no title " + job.videoId);
    } else {
      List<PrepositionJob.Item> items = items(job, manifest.get(), allocations);
      String refusal = refusal(job, items);
      if (refusal != null) job.end("refused", refusal);
      else job.start(items);
    }
    log.info("preposition job {} ({}): {}", job.id, job.videoId, job.toJson());
  }

  /**
   * Playlists first, then each rendition's objects in name order: the beginning of a title first.
   */
  private static List<PrepositionJob.Item> items(
      PrepositionJob job, TitleManifests.Manifest manifest, Allocations allocations) {
    List<PrepositionJob.Item> items = new ArrayList<>();
    manifest
        .objects()
        .forEach(
            (path, info) -> {
              // A prefix title's later segments are streamed, never stored, by the allocation: not
              // fetched ahead either.
              if (wanted(job.paths, path) && allocations.stores(new CacheKey(job.videoId, path)))
                items.add(new PrepositionJob.Item(new CacheKey(job.videoId, path), info.getSize()));
            });
    items.sort(
        Comparator.comparing((PrepositionJob.Item i) -> !i.key().path().endsWith(".m3u8"))
            .thenComparing(i -> i.key().path()));
    return items;
  }

  private static boolean wanted(List<String> paths, String path) {
    if (paths.isEmpty()) return true;
    return paths.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p));
  }

  /** Why the job does not fit the disk budget, or null when it does. */
  private synchronized String refusal(PrepositionJob job, List<PrepositionJob.Item> items) {
    long needed =
        items.stream().filter(i -> !held(i.key())).mapToLong(PrepositionJob.Item::size).sum();
    long promised =
        jobs.values().stream().filter(j -> j != job).mapToLong(PrepositionJob::promisedBytes).sum();
    long budget = (long) (config.budgetShare() * tiers.disk().maxBytes());
    if (needed + promised <= budget) return null;
    return "no room: "
        + job.videoId
        + " needs "
        + needed
        + " bytes, "
        + promised
        + " are promised to other jobs, the budget is "
        + budget
        + " bytes (edge.preposition.budget-share "
        + config.budgetShare()
        + " of the disk's "
        + tiers.disk().maxBytes()
        + ")";
  }

  private boolean held(CacheKey key) {
    long known = versions.known(key.videoId());
    return tiers.disk().meta(key).filter(m -> m.version() >= known).isPresent();
  }

  private void work() {
    while (!closed) {
      Work w = nextWork();
      if (w == null) {
        pause(50);
        continue;
      }
      try {
        fill(w.job, w.item);
      } catch (RuntimeException e) {
        w.job.failed(w.item, e.toString());
      }
    }
  }

  private record Work(PrepositionJob job, PrepositionJob.Item item) {}

  /** The next object of the highest-priority running job, oldest job first among equals. */
  private synchronized Work nextWork() {
    long now = System.currentTimeMillis() / 1000;
    List<PrepositionJob> running = new ArrayList<>();
    for (PrepositionJob j : jobs.values()) {
      if (j.running() && j.deadline > 0 && now >= j.deadline)
        j.end("expired", "the fill window ended");
      else if (j.running() && !j.drained()) running.add(j);
    }
    running.sort(
        Comparator.comparingInt((PrepositionJob j) -> -j.priority)
            .thenComparingLong(j -> j.created));
    for (PrepositionJob j : running) {
      PrepositionJob.Item item = j.next();
      if (item != null) return new Work(j, item);
    }
    return null;
  }

  private void fill(PrepositionJob job, PrepositionJob.Item item) {
    if (held(item.key())) {
      held.increment();
      job.filled(item, PrepositionJob.HELD);
      return;
    }
    if (!yieldToViewers(job)
        || !take(bucket, job, item)
        || job.bucket != null && !take(job.bucket, job, item)) {
      job.dropped();
      return;
    }
    for (int attempt = 1; attempt <= PULL_ATTEMPTS; attempt++) {
      Optional<String> from = pull(job, item);
      if (from.isPresent()) {
        stored.increment();
        job.filled(item, from.get());
        return;
      }
      if (job.stopped()) {
        job.dropped();
        return;
      }
      pause(200L * attempt);
    }
    failures.increment();
    job.failed(
        item,
        "not stored after " + PULL_ATTEMPTS + " attempts (disk policy, allocation or fill cap)");
  }

  /**
   * Where the object's stored bytes came from; {@code held} when another fill stored it meanwhile;
   * empty when it is not stored.
   */
  private Optional<String> pull(PrepositionJob job, PrepositionJob.Item item) {
    FillSource source = peers.apply(job.from, item.key()).orElse(origin);
    try {
      Optional<String> from = fills.pullTraced(item.key(), source, false).get(2, TimeUnit.MINUTES);
      return from.isPresent() ? from : heldNow(item.key());
    } catch (Exception e) {
      log.debug("preposition pull of {} failed: {}", item.key(), e.toString());
      return heldNow(item.key());
    }
  }

  private Optional<String> heldNow(CacheKey key) {
    return held(key) ? Optional.of(PrepositionJob.HELD) : Optional.empty();
  }

  /** Waits while viewers load the edge; false when the job stopped meanwhile. */
  private boolean yieldToViewers(PrepositionJob job) {
    String why;
    while ((why = load.busy()) != null) {
      job.backingOff(why);
      backoffs.increment();
      pause(200);
      if (job.stopped() || closed) return false;
    }
    return true;
  }

  private boolean take(TokenBucket b, PrepositionJob job, PrepositionJob.Item item) {
    try {
      return b.take(item.size(), () -> job.stopped() || closed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("edge_preposition_objects")
        .description("objects of preposition jobs, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void close() {
    closed = true;
    workers.forEach(Thread::interrupt);
  }
}
