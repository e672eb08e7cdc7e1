package org.telcocdn.cli.national;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.telcocdn.cache.sim.VideoCatalog;
import org.telcocdn.cli.national.NationalNetwork.Region;

/**
 * {@code cdn sim-network}: a generated day of viewing replayed over a generated national network
 * with the project's own classes and no sockets: the topology model for sites and parents, the
 * broker's router for every session, the cache policies at every edge and regional cache, and the
 * video workload's catalog and sessions. Regions are independent for a day without failures (every
 * viewer's zone, neighbours and parents are in its region), so they are replayed in parallel, the
 * largest first, and only the regions being replayed hold caches in memory.
 */
public final class NetworkSimulation {
  private NetworkSimulation() {}

  public static NationalReport run(NationalSettings settings, Consumer<String> progress) {
    long started = System.nanoTime();
    long cpuBefore = processCpuNanos();
    double loadBefore = loadAverage();
    NationalNetwork network = NationalNetwork.generate(settings);
    VideoCatalog catalog =
        new VideoCatalog(
            settings.titles(),
            settings.newReleases(),
            settings.zipf(),
            network.regions().size(),
            Tally.DAY,
            new SplittableRandom(settings.seed()));
    String[] videoIds = new String[catalog.size()];
    for (int t = 0; t < videoIds.length; t++) videoIds[t] = "title-" + t;
    progress.accept(
        String.format(
            "network of %d edge sites in %d regions generated in %.1f s; replaying the day...",
            settings.sites(), network.regions().size(), (System.nanoTime() - started) / 1e9));
    Tally total = replay(settings, network, catalog, videoIds, progress);
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
    return new NationalReport(
        settings, network, total, seconds, cpuSeconds, loadBefore, loadAverage(), peakHeapBytes());
  }

  private static Tally replay(
      NationalSettings settings,
      NationalNetwork network,
      VideoCatalog catalog,
      String[] videoIds,
      Consumer<String> progress) {
    Tally total = new Tally();
    List<Region> regions = new ArrayList<>(network.regions());
    regions.sort(Comparator.comparingLong(Region::viewers).reversed());
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(settings.threads(), regions.size()));
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Region r : regions) {
        done.add(
            pool.submit(
                () ->
                    total.add(
                        new RegionReplay(r, settings, catalog, videoIds, network.network())
                            .run())));
      }
      for (int i = 0; i < done.size(); i++) {
        done.get(i).get();
        if ((i + 1) % Math.max(1, done.size() / 10) == 0)
          progress.accept("  " + (i + 1) + " of " + done.size() + " regions replayed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a region's replay failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return total;
  }

  /**
   * The 1-minute load average of the host (the machine is shared: its load says how much CPU the
   * run had).
   */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * CPU time of the whole JVM (replay threads, GC, JIT): on this shared machine the wall time
   * depends on the other engineers' load, the CPU time much less.
   */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    return peak;
  }
}
