package org.telcocdn.cache.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.telcocdn.cache.allocation.AllocationSettings;

/**
 * The proof of the cross-edge allocation: one site of n edges, a generated video trace whose
 * sessions each stay on one edge, compared as (a) independent caches, each policy in turn, (b) the
 * controller's allocation over one policy with peer fill, and, to show what the controller adds to
 * hashing alone, (c) every title partitioned by rendezvous hashing over the same policy. Plain
 * entry point so the launcher can call it without picocli:
 *
 * <pre>
 *   SiteSimulation [--seed 1] [--requests 1000000] [--titles 2000] [--zipf 0.9] [--regions 3]
 *                  [--new-releases 20] [--days 1] [--edges 4] [--sizes 0.01,0.05,0.1]
 *                  [--policies lru,s3fifo,wtinylfu,vpop] [--policy vpop] [--window 3600]
 *                  [--warmup 0.2] [--head-share 0.3] [--prefix-segments 450] [--keep 0.5]
 *                  [--drop-elsewhere true] [--csv OUT]
 * </pre>
 */
public final class SiteSimulation {
  private static final List<String> KEYS =
      List.of(
          "seed",
          "requests",
          "titles",
          "zipf",
          "regions",
          "new-releases",
          "days",
          "edges",
          "sizes",
          "policies",
          "policy",
          "window",
          "warmup",
          "head-share",
          "prefix-segments",
          "keep",
          "drop-elsewhere",
          "csv");

  private SiteSimulation() {}

  public static void main(String[] args) {
    try {
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("site-sim: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Runs the comparison, prints the table to {@code out}; returns every result. */
  public static List<SiteResult> run(String[] args, PrintStream out) {
    Map<String, String> a = parse(args);
    VideoWorkload.Settings w =
        new VideoWorkload.Settings(
            lng(a, "seed", 1),
            integer(a, "titles", 2000),
            integer(a, "requests", 1_000_000),
            dbl(a, "zipf", 0.9),
            integer(a, "regions", 3),
            integer(a, "new-releases", 20),
            integer(a, "days", 1));
    int edges = integer(a, "edges", 4);
    List<Double> sizes =
        Arrays.stream(a.getOrDefault("sizes", "0.01,0.05,0.1").split(","))
            .map(s -> Double.parseDouble(s.trim()))
            .toList();
    List<String> policies =
        List.of(a.getOrDefault("policies", "lru,s3fifo,wtinylfu,vpop").split(","));
    String policy = a.getOrDefault("policy", "vpop");
    AllocationSettings settings =
        new AllocationSettings(
            dbl(a, "head-share", AllocationSettings.DEFAULTS.headShare()),
            integer(a, "prefix-segments", AllocationSettings.DEFAULTS.prefixSegments()));
    double keep = dbl(a, "keep", 0.5);
    SiteReplay replay =
        new SiteReplay(
            new VideoWorkload(w).generateSite(edges),
            dbl(a, "warmup", 0.2),
            lng(a, "window", 3600));
    out.printf(
        Locale.ROOT,
        "site of %d edges, trace %s; warm-up %.0f %% of requests excluded; replan every %s s%n",
        edges,
        w,
        100 * dbl(a, "warmup", 0.2),
        a.getOrDefault("window", "3600"));
    List<SiteResult> results = new ArrayList<>();
    for (double f : sizes) {
      for (String p : policies) results.add(replay.independent(p.trim(), f));
      results.add(replay.partitioned(policy, f, keep));
      results.add(
          replay.allocated(
              policy,
              f,
              settings,
              keep,
              Boolean.parseBoolean(a.getOrDefault("drop-elsewhere", "true"))));
    }
    print(results, sizes, out);
    if (a.containsKey("csv")) csv(Path.of(a.get("csv")), w, results);
    return results;
  }

  private static void print(List<SiteResult> results, List<Double> sizes, PrintStream out) {
    out.println(
        "size   | scheme               | byte hit | local hit | duplicated (of site capacity)");
    for (double f : sizes) {
      List<SiteResult> at = results.stream().filter(r -> r.sizeFraction() == f).toList();
      SiteResult best = bestIndependent(at);
      for (SiteResult r : at) {
        String label =
            r.scheme().equals("independent")
                ? r.policy() + (r == best ? " (best)" : "")
                : r.scheme() + "+" + r.policy();
        out.printf(
            Locale.ROOT,
            "%5.1f%% | %-20s | %.4f   | %.4f    | %5.1f %% (%.2f GB)%n",
            100 * f,
            label,
            r.byteHitRatio(),
            r.localByteHitRatio(),
            100 * r.duplicatedShare(),
            r.duplicatedBytes() / 1e9);
      }
      SiteResult alloc =
          at.stream().filter(r -> r.scheme().equals("allocated")).findFirst().orElseThrow();
      SiteResult hashed =
          at.stream().filter(r -> r.scheme().equals("partitioned")).findFirst().orElseThrow();
      out.printf(
          Locale.ROOT,
          "       | allocated vs best independent: byte hit %+.4f (%+.1f %%), duplicated %+.1f points; vs partitioned: %+.4f%n",
          alloc.byteHitRatio() - best.byteHitRatio(),
          100 * (alloc.byteHitRatio() / best.byteHitRatio() - 1),
          100 * (alloc.duplicatedShare() - best.duplicatedShare()),
          alloc.byteHitRatio() - hashed.byteHitRatio());
      out.printf(Locale.ROOT, "       | last plan %s%n", alloc.plan());
    }
  }

  static SiteResult bestIndependent(List<SiteResult> at) {
    return at.stream()
        .filter(r -> r.scheme().equals("independent"))
        .max(Comparator.comparingDouble(SiteResult::byteHitRatio))
        .orElseThrow();
  }

  private static void csv(Path file, VideoWorkload.Settings w, List<SiteResult> results) {
    StringBuilder s = new StringBuilder();
    if (!Files.exists(file))
      s.append(
          "seed,titles,zipf,regions,new_releases,scheme,policy,size_fraction,byte_hit_ratio,local_byte_hit_ratio,duplicated_share\n");
    for (SiteResult r : results) {
      s.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%s,%d,%d,%s,%s,%s,%.6f,%.6f,%.6f%n",
              w.seed(),
              w.titles(),
              w.zipf(),
              w.regions(),
              w.newReleases(),
              r.scheme(),
              r.policy(),
              r.sizeFraction(),
              r.byteHitRatio(),
              r.localByteHitRatio(),
              r.duplicatedShare()));
    }
    try {
      Files.writeString(file, s, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (key == null || !KEYS.contains(key))
        throw new IllegalArgumentException(
            "unknown option '" + args[i] + "', expected --" + String.join(", --", KEYS));
      if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
      a.put(key, args[++i]);
    }
    return a;
  }

  private static int integer(Map<String, String> a, String key, int fallback) {
    return (int) lng(a, key, fallback);
  }

  private static long lng(Map<String, String> a, String key, long fallback) {
    try {
      return a.containsKey(key) ? Long.parseLong(a.get(key)) : fallback;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + key + " must be an integer, was '" + a.get(key) + "'");
    }
  }

  private static double dbl(Map<String, String> a, String key, double fallback) {
    try {
      return a.containsKey(key) ? Double.parseDouble(a.get(key)) : fallback;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + key + " must be a number, was '" + a.get(key) + "'");
    }
  }
}
