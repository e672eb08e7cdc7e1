package org.telcocdn.predict.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.SegmentKey;
import org.telcocdn.cache.policy.VideoIds;
import org.telcocdn.cache.sim.FlashCrowd;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.prefetch.AudienceMix;
import org.telcocdn.predict.prefetch.PrefetchPlan;

/**
 * What acting on alarms does to the caches, with the real policy classes as {@code cdn sim-site}
 * runs them: every edge of every site is one policy instance sized to a fraction of the bytes its
 * own requests touch, each request goes to the edge the replay's routing gives its title ({@link
 * SiteEdges}), and, when acting, every alarm places the title's first segments at that edge at the
 * alarm's time ({@link PrefetchPlan} over the site's {@link AudienceMix}, learned from the requests
 * so far), with prefetched bytes counted as origin bytes. Counts start at the scored period.
 *
 * <p>A title whose requests at the site never start at position 0 plays as live there: viewers join
 * at the live edge, so placing positions 0 onwards would be pure waste, and the segments that will
 * be asked for do not exist yet; such alarms are counted as skipped, with that reason.
 */
public final class CacheEffect {
  private static final Consumer<Long> DROP = k -> {};

  /**
   * Expected new sessions for a prefetch are clamped here: at least a crowd's floor for a few
   * minutes, at most a big crowd's.
   */
  private static final double MIN_SESSIONS = 10;

  private static final double MAX_SESSIONS = 300;
  private static final int LIVE_EVIDENCE = 20;

  private final Trace trace;
  private final SiteEdges route;
  private final PrefetchPlan plan;
  private final SpikeWindows windows;
  private final long from;
  private final ObjectSizes sizes;
  private final int edges;
  private final long[] edgeWorkingSet;

  public CacheEffect(
      Trace trace, List<FlashCrowd> labels, SiteEdges route, PrefetchPlan plan, long scoredFrom) {
    this.trace = trace;
    this.route = route;
    this.plan = plan;
    this.from = scoredFrom;
    this.windows = new SpikeWindows(labels, scoredFrom);
    this.sizes = new ObjectSizes(trace);
    this.edges = trace.siteCount() * route.perSite();
    this.edgeWorkingSet = workingSets();
  }

  /** Bytes of the distinct objects each edge is asked for over the whole trace. */
  private long[] workingSets() {
    long[][] ids = new long[edges][];
    int[] n = new int[edges];
    for (int e = 0; e < edges; e++) ids[e] = new long[1024];
    for (int i = 0; i < trace.length(); i++) {
      int e = edgeOf(i);
      if (n[e] == ids[e].length) ids[e] = Arrays.copyOf(ids[e], n[e] * 2);
      ids[e][n[e]++] = trace.id(i);
    }
    long[] bytes = new long[edges];
    for (int e = 0; e < edges; e++) {
      for (long id : Arrays.stream(ids[e], 0, n[e]).sorted().distinct().toArray())
        bytes[e] += sizes.of(id);
    }
    return bytes;
  }

  private int edgeOf(int i) {
    long id = trace.id(i);
    long title = VideoIds.isSegment(id) ? VideoIds.shape(id).title() : id;
    return route.edgeOf(trace.site(i), title);
  }

  /**
   * The policy at the size without prediction ({@code alarms} null) or acting on {@code alarms}, by
   * time.
   */
  public CacheResult run(
      PolicyName policyName, double fraction, String actedOn, List<Alarm> alarms) {
    List<CachePolicy<Long>> caches = new ArrayList<>();
    long mean = Math.max(1, trace.workingSetBytes() / Math.max(1, trace.distinctObjects()));
    for (int e = 0; e < edges; e++)
      caches.add(
          policyName.create(
              Math.max(1, Math.round(edgeWorkingSet[e] * fraction)), mean, VideoIds.SHAPE));
    Run run = new Run(caches, alarms == null ? List.of() : alarms);
    for (int i = 0; i < trace.length(); i++) run.request(i);
    return run.result(policyName.label(), fraction, alarms == null ? "none" : actedOn);
  }

  /** One pass: the caches, the alarms still to act on, the counters. */
  private final class Run {
    private final List<CachePolicy<Long>> caches;
    private final List<Alarm> alarms;
    private final AudienceMix[] mixes;
    private final HashMap<Long, int[]> seen = new HashMap<>();
    private final PrefetchLedger ledger;
    private int nextAlarm;
    private long requested, missed, prefetched, spikeRequested, spikeMissed, spikePrefetched;
    private int prefetches, skipped, skippedLive;

    Run(List<CachePolicy<Long>> caches, List<Alarm> alarms) {
      this.caches = caches;
      this.alarms = alarms;
      this.mixes = new AudienceMix[trace.siteCount()];
      for (int s = 0; s < mixes.length; s++) mixes[s] = new AudienceMix();
      this.ledger = new PrefetchLedger(edges);
    }

    void request(int i) {
      long now = trace.time(i);
      while (nextAlarm < alarms.size() && alarms.get(nextAlarm).time() <= now)
        act(alarms.get(nextAlarm++));
      long id = trace.id(i);
      int site = trace.site(i);
      int edge = edgeOf(i);
      SegmentKey key = VideoIds.shape(id);
      if (key.isSegment()) learn(site, key);
      ledger.requested(edge, id, now);
      CachePolicy<Long> cache = caches.get(edge);
      boolean hit = cache.contains(id);
      if (hit) cache.onHit(id);
      else cache.onMiss(id, trace.size(i), DROP);
      if (now < from) return;
      long size = trace.size(i);
      requested += size;
      if (!hit) missed += size;
      if (key.isSegment() && windows.inWindow(site, key.title(), now)) {
        spikeRequested += size;
        if (!hit) spikeMissed += size;
      }
    }

    private void learn(int site, SegmentKey key) {
      mixes[site].record(key.rendition(), key.index());
      int[] s = seen.computeIfAbsent(SpikeWindows.key(site, key.title()), k -> new int[2]);
      s[0]++;
      if (key.index() == 0) s[1]++;
    }

    private void act(Alarm alarm) {
      int[] s = seen.get(SpikeWindows.key(alarm.site(), alarm.title()));
      if (s != null && s[0] >= LIVE_EVIDENCE && s[1] == 0) {
        skipped++;
        skippedLive++;
        return;
      }
      AudienceMix mix = mixes[alarm.site()];
      double sessions = Math.expm1(alarm.logRequests()) / Math.max(1, mix.requestsPerStart());
      sessions = Math.max(MIN_SESSIONS, Math.min(MAX_SESSIONS, sessions));
      int edge = route.edgeOf(alarm.site(), alarm.title());
      CachePolicy<Long> cache = caches.get(edge);
      boolean counted = alarm.time() >= from;
      boolean forCrowd = windows.forCrowd(alarm.site(), alarm.title(), alarm.time());
      prefetches++;
      for (PrefetchPlan.Target t : plan.targets(mix, sessions)) {
        long id = VideoIds.pack((int) alarm.title(), t.rendition(), t.position());
        if (cache.contains(id)) continue;
        long size = sizes.of(id);
        if (!cache.onMiss(id, size, DROP)) continue;
        if (!counted) continue;
        ledger.placed(edge, id, alarm.time(), size);
        prefetched += size;
        if (forCrowd) spikePrefetched += size;
      }
    }

    CacheResult result(String policy, double fraction, String actedOn) {
      return new CacheResult(
          policy,
          fraction,
          actedOn,
          requested,
          missed,
          prefetched,
          ledger.wastedBytes(),
          spikeRequested,
          spikeMissed,
          spikePrefetched,
          prefetches,
          skipped,
          skippedLive);
    }
  }
}
