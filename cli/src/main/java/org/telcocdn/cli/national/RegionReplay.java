package org.telcocdn.cli.national;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.telcocdn.cache.sim.VideoCatalog;
import org.telcocdn.cache.sim.VideoWorkload;
import org.telcocdn.cache.sim.ViewingSession;
import org.telcocdn.cli.national.NationalNetwork.EdgeSite;
import org.telcocdn.cli.national.NationalNetwork.Region;
import org.telcocdn.cli.network.SiteNetwork;

/**
 * One region's day: its viewers start sessions as a Poisson process following the day's curve
 * (VideoWorkload's: peak at 21:00, a quarter of it at 05:00), each viewer drawn uniformly from the
 * region's, so a site's share is its share of viewers; a session's title is drawn in the region's
 * own taste; the broker routes it; its segments are then asked of that edge cache every 4 s, a miss
 * of the edge fills from the region's cache (the edge site's primary parent), whose miss fills from
 * the origin. Requests are generated as they are replayed: only the sessions playing are in memory.
 *
 * <p>All draws come from one generator seeded by the seed and the region, so a region's day is the
 * same however many regions are replayed at once.
 */
final class RegionReplay {
  /**
   * The day curve's mean (VideoWorkload.diurnal over a day): arrivals are drawn at the peak rate
   * and thinned.
   */
  private static final double DIURNAL_MEAN = 0.625;

  private final Region region;
  private final NationalSettings settings;
  private final VideoCatalog catalog;
  private final String[] videoIds;
  private final SiteNetwork network;
  private final Tally tally = new Tally();
  private final List<TierCache> edges = new ArrayList<>();
  private final TierCache mid;
  private final long[] cumulativeViewers;
  private final int measuredFrom;

  RegionReplay(
      Region region,
      NationalSettings settings,
      VideoCatalog catalog,
      String[] videoIds,
      SiteNetwork network) {
    this.region = region;
    this.settings = settings;
    this.catalog = catalog;
    this.videoIds = videoIds;
    this.network = network;
    for (EdgeSite site : region.sites()) {
      for (int c = 0; c < site.caches().size(); c++)
        edges.add(new TierCache(settings.edgePolicy(), settings.edgeCacheBytes(), catalog.size()));
    }
    this.mid =
        new TierCache(settings.regionalPolicy(), settings.regionalCacheBytes(), catalog.size());
    this.cumulativeViewers = new long[region.sites().size()];
    long sum = 0;
    for (int i = 0; i < cumulativeViewers.length; i++)
      cumulativeViewers[i] = sum += region.sites().get(i).viewers();
    this.measuredFrom = settings.warmupHours() * 3600;
  }

  Tally run() {
    SplittableRandom random =
        new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + region.index());
    RegionBroker broker =
        new RegionBroker(region, network, settings.edgeCacheBytes(), new SimClock());
    ArrayDeque<ViewingSession> playing = new ArrayDeque<>();
    double peakRate = region.viewers() * settings.sessionsPerViewer() / (Tally.DAY * DIURNAL_MEAN);
    double arrival = next(0, peakRate, random);
    int second = 0;
    while (true) {
      double t = playing.isEmpty() ? arrival : Math.min(arrival, playing.peek().next());
      if (t >= Tally.DAY) break;
      for (; second < (int) t; second++) endOfSecond(second, broker);
      if (t == arrival) {
        ViewingSession started =
            random.nextDouble() < VideoWorkload.diurnal(t) ? start(t, broker, random) : null;
        arrival = next(arrival, peakRate, random);
        if (started != null) play(started, playing, random);
      } else {
        play(playing.poll(), playing, random);
      }
    }
    for (; second < Tally.DAY; second++) endOfSecond(second, broker);
    return tally;
  }

  /**
   * Serves the session's segment due now and queues its next one. Every event is taken in time
   * order and a session's next request is 4 s after the one served, so the sessions re-queued come
   * in time order too: a FIFO is the time-ordered queue (a priority queue was 6 % of the CPU). A
   * session starting is served at once, after the next arrival is drawn: its first request is now,
   * before any queued one and before that arrival.
   */
  private void play(ViewingSession s, ArrayDeque<ViewingSession> playing, SplittableRandom random) {
    serve(s, (int) s.next());
    if (s.advance(random)) playing.add(s);
  }

  private static double next(double t, double rate, SplittableRandom random) {
    return t - Math.log(1 - random.nextDouble()) / rate;
  }

  /**
   * A viewer of the region starts watching: their site and address, a title of the region's taste,
   * the broker's edge.
   */
  private ViewingSession start(double t, RegionBroker broker, SplittableRandom random) {
    long viewer = random.nextLong(cumulativeViewers[cumulativeViewers.length - 1]);
    int site = siteOf(viewer);
    EdgeSite edgeSite = region.sites().get(site);
    long local = viewer - (site == 0 ? 0 : cumulativeViewers[site - 1]);
    NationalNetwork.Viewers group = edgeSite.groups().get((int) (local % edgeSite.groups().size()));
    String address = group.subnet().address(1 + local % (group.subnet().size() - 2));
    int title = catalog.chooseTitle(t, region.index() % catalog.regions(), random);
    ViewingSession session = new ViewingSession(title, catalog.length(title), t, random);
    session.tag(broker.route(videoIds[title], address, "v" + viewer + "-" + tally.sessions, t));
    tally.sessions++;
    tally.decisions[(int) t]++;
    return session;
  }

  private int siteOf(long viewer) {
    int i = Arrays.binarySearch(cumulativeViewers, viewer + 1);
    return i >= 0 ? i : -i - 1;
  }

  /** One segment request: the edge, on a miss the regional cache, on its miss the origin. */
  private void serve(ViewingSession s, int second) {
    Long id = s.id();
    long size = s.size();
    boolean counted = second >= measuredFrom;
    tally.segmentRequests++;
    TierCache edge = edges.get(s.tag());
    boolean edgeHit = edge.lookup(id);
    if (counted) tally.edge.request(size, edgeHit);
    if (edgeHit) return;
    boolean midHit = mid.lookup(id);
    if (counted) tally.regional.request(size, midHit);
    if (!midHit) {
      tally.originBytesPerSecond[second] += size;
      if (counted) {
        tally.originRequests++;
        tally.originBytes += size;
      }
      mid.fill(id, size);
    }
    edge.fill(id, size);
  }

  /**
   * The index reports due at the end of the second (each cache's changes batched, as IndexLink
   * does), and the broker's sweep.
   */
  private void endOfSecond(int second, RegionBroker broker) {
    for (TierCache e : edges) report(e, tally.edge, second);
    report(mid, tally.regional, second);
    broker.sweep(second + 1);
  }

  private static void report(TierCache cache, TierCounts tier, int second) {
    if (!cache.reportDue()) return;
    tier.reportedTitles += cache.report();
    tier.reports[second]++;
  }
}
