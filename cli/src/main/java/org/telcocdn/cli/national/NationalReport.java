package org.telcocdn.cli.national;

import java.io.PrintStream;
import java.util.Locale;

/** The result of a national replay, and its table. */
public record NationalReport(
    NationalSettings settings,
    NationalNetwork network,
    Tally tally,
    double seconds,
    double cpuSeconds,
    double loadBefore,
    double loadAfter,
    long peakHeapBytes) {

  public double edgeByteHitRatio() {
    return tally.edge.byteHitRatio();
  }

  public double regionalByteHitRatio() {
    return tally.regional.byteHitRatio();
  }

  public long originBytes() {
    return tally.originBytes;
  }

  public long sessions() {
    return tally.sessions;
  }

  public long segmentRequests() {
    return tally.segmentRequests;
  }

  /** Mean and peak per second over the measured hours. */
  public double edgeIndexWritesPerSecond() {
    return Tally.mean(tally.edge.reports, from());
  }

  public double decisionsPerSecond() {
    return Tally.mean(tally.decisions, from());
  }

  private int from() {
    return settings.warmupHours() * 3600;
  }

  public void print(PrintStream out) {
    NationalSettings s = settings;
    out.printf(
        Locale.ROOT,
        "sim-network: %,d edge sites under %d regional sites, 1 core, 1 cloud; %,d viewers in %,d client groups%n",
        s.sites(),
        network.regions().size(),
        network.viewers(),
        network.network().clientGroups().size());
    out.printf(
        Locale.ROOT,
        "caches: %,d edge caches of %s (%s), %d regional caches of %s (%s); catalog %,d titles + %d new releases, Zipf %.2f%n",
        network.edgeCaches(),
        bytes(s.edgeCacheBytes()),
        s.edgePolicy(),
        network.regions().size(),
        bytes(s.regionalCacheBytes()),
        s.regionalPolicy(),
        s.titles(),
        s.newReleases(),
        s.zipf());
    out.printf(
        Locale.ROOT,
        "day: %,d sessions (%.2f per viewer), %,d segment requests; ratios, bytes and rates from %02d:00 (the hours before warm the caches)%n%n",
        tally.sessions,
        tally.sessions / (double) network.viewers(),
        tally.segmentRequests,
        s.warmupHours());
    out.printf(
        "%-9s %15s %10s %10s %12s %12s %22s %10s%n",
        "tier",
        "requests",
        "byte hit",
        "req hit",
        "served",
        "fetched",
        "index writes/s (peak)",
        "titles/wr");
    tier(out, "edge", tally.edge, tally.regional.bytes);
    tier(out, "regional", tally.regional, tally.originBytes);
    out.printf(
        Locale.ROOT,
        "%-9s %,15d %10s %10s %12s %12s %22s %10s%n",
        "origin",
        tally.originRequests,
        "-",
        "-",
        bytes(tally.originBytes),
        "-",
        "-",
        "-");
    out.printf(
        Locale.ROOT,
        "origin peak: %.2f Gbit/s; broker: %.1f decisions/s (peak %d), %,d sessions routed%n",
        Tally.peak(tally.originBytesPerSecond, from()) * 8 / 1e9,
        Tally.mean(tally.decisions, from()),
        Tally.peak(tally.decisions, from()),
        tally.sessions);
    out.printf(
        Locale.ROOT,
        "run time %.1f s with %d threads, %.1f s of CPU; load average %.1f at the start, %.1f at the end (%d cores); peak heap %s%n",
        seconds,
        s.threads(),
        cpuSeconds,
        loadBefore,
        loadAfter,
        Runtime.getRuntime().availableProcessors(),
        bytes(peakHeapBytes));
  }

  private void tier(PrintStream out, String name, TierCounts t, long fetched) {
    String writes =
        String.format(
            Locale.ROOT, "%.1f (%d)", Tally.mean(t.reports, from()), Tally.peak(t.reports, from()));
    long reports = 0;
    for (long r : t.reports) reports += r;
    out.printf(
        Locale.ROOT,
        "%-9s %,15d %10.4f %10.4f %12s %12s %22s %10.1f%n",
        name,
        t.requests,
        t.byteHitRatio(),
        t.hitRatio(),
        bytes(t.hitBytes),
        bytes(fetched),
        writes,
        reports == 0 ? 0 : t.reportedTitles / (double) reports);
  }

  static String bytes(long b) {
    if (b >= 1e12) return String.format(Locale.ROOT, "%.2f TB", b / 1e12);
    if (b >= 1e9) return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
    return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
  }
}
