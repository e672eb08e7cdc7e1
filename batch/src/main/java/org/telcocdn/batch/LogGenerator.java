package org.telcocdn.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.telcocdn.accesslog.AccessRecord;
import org.telcocdn.accesslog.CmcdParser;
import org.telcocdn.accesslog.RecordJson;

/**
 * Writes access logs with a known answer, for tests and benchmarks. Title {@code t0001} is the most
 * popular: title i gets ⌊S·w_i⌋ sessions with Zipf weights w_i ∝ 1/i^0.8; session j of a title
 * watches segments 0..depth(j), where the number reaching segment k is exactly round(n·e^(−k/τ))
 * with a per-title τ (audience retention). Arrival times follow a day curve peaking at 20:00 UTC;
 * site and rendition are random (seeded). Since counts and depths are set, not sampled, the {@link
 * Truth} is exact, not an expectation.
 *
 * <p>Usage: {@code LogGenerator OUTDIR SESSIONS [TITLES] [DAYS] [SEED]}.
 */
public final class LogGenerator {
  static final int SEGMENTS = 30;
  static final String[] SITES = {"site-a", "site-b", "site-c"};
  static final String[] RENDITIONS = {"360p", "720p", "1080p"};
  static final long[] BITRATES = {800, 2800, 5000};
  private static final long DAY = 86_400_000L;
  private static final long START = 1_764_028_800_000L; // 2025-11-25T00:00Z
  private static final long MAX_FILE_BYTES = 64L << 20;

  /**
   * What was generated: requests per title and, per title, the share of sessions reaching segment
   * k.
   */
  public record Truth(Map<String, Long> requests, Map<String, double[]> retention, long records) {
    public List<String> top(int n) {
      return requests.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(n)
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  public static void main(String[] args) {
    Truth t =
        generate(
            Path.of(args[0]),
            Long.parseLong(args[1]),
            args.length > 2 ? Integer.parseInt(args[2]) : 500,
            args.length > 3 ? Integer.parseInt(args[3]) : 7,
            args.length > 4 ? Long.parseLong(args[4]) : 42);
    System.out.println("records " + t.records() + " top5 " + t.top(5));
  }

  public static Truth generate(Path dir, long sessions, int titles, int days, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double norm = 0;
    for (int i = 1; i <= titles; i++) norm += 1 / Math.pow(i, 0.8);
    Map<String, Long> requests = new LinkedHashMap<>();
    Map<String, double[]> retention = new LinkedHashMap<>();
    long records = 0;
    try (LogSink files = new LogSink(dir)) {
      for (int i = 1; i <= titles; i++) {
        String title = String.format("t%04d", i);
        long n = Math.max(1, (long) (sessions * (1 / Math.pow(i, 0.8)) / norm));
        double tau = 6 + (i % 7) * 3;
        long[] reaching = new long[SEGMENTS];
        for (int k = 0; k < SEGMENTS; k++) reaching[k] = Math.round(n * Math.exp(-k / tau));
        reaching[0] = n;
        long titleRequests = 0;
        for (long j = 0; j < n; j++) {
          int depth = 0;
          while (depth + 1 < SEGMENTS && j < reaching[depth + 1]) depth++;
          titleRequests += session(files, random, title, i + "-" + j, depth, days);
        }
        double[] share = new double[SEGMENTS];
        for (int k = 0; k < SEGMENTS; k++) share[k] = (double) reaching[k] / n;
        requests.put(title, titleRequests);
        retention.put(title, share);
        records += titleRequests;
      }
    }
    return new Truth(requests, retention, records);
  }

  /** One viewing: master and rendition playlists, init, then segments 0..depth 2 s apart. */
  private static long session(
      LogSink files, SplittableRandom random, String title, String sid, int depth, int days) {
    long start = START + random.nextInt(days) * DAY + timeOfDay(random);
    int site = random.nextInt(SITES.length);
    int r = random.nextInt(10) < 2 ? 0 : random.nextInt(10) < 6 ? 1 : 2;
    String edge = "edge-" + (site + 1);
    String cmcdSession = ",sid=\"" + sid + "\",cid=\"" + title + "\",sf=h,st=v";
    files.write(
        edge,
        rec(
            start,
            edge,
            site,
            sid,
            title,
            null,
            -1,
            "/videos/" + title + "/master.m3u8",
            900,
            "ot=m" + cmcdSession));
    String base = "/videos/" + title + "/" + RENDITIONS[r] + "/";
    files.write(
        edge,
        rec(
            start + 50,
            edge,
            site,
            sid,
            title,
            RENDITIONS[r],
            -1,
            base + "playlist.m3u8",
            1500,
            "ot=m" + cmcdSession));
    files.write(
        edge,
        rec(
            start + 100,
            edge,
            site,
            sid,
            title,
            RENDITIONS[r],
            -1,
            base + "init.mp4",
            800,
            "ot=i" + cmcdSession));
    for (int k = 0; k <= depth; k++) {
      long bytes = BITRATES[r] * 1000 / 8 * 2;
      files.write(
          edge,
          rec(
              start + 200 + k * 2000L,
              edge,
              site,
              sid,
              title,
              RENDITIONS[r],
              k,
              base + String.format("seg_%05d.m4s", k),
              bytes,
              "ot=v,br=" + BITRATES[r] + ",bl=" + (4000 + k * 100) + cmcdSession));
    }
    return 3 + depth + 1;
  }

  /**
   * Milliseconds into the day, denser in the evening: accept-reject on 1 + 0.8·cos(2π(h − 20)/24).
   */
  private static long timeOfDay(SplittableRandom random) {
    while (true) {
      long t = random.nextLong(DAY);
      double hour = t / 3_600_000.0;
      if (random.nextDouble() * 1.8 < 1 + 0.8 * Math.cos(2 * Math.PI * (hour - 20) / 24)) return t;
    }
  }

  private static AccessRecord rec(
      long time,
      String edge,
      int site,
      String sid,
      String title,
      String rendition,
      int segment,
      String uri,
      long bytes,
      String cmcd) {
    return new AccessRecord(
        time,
        edge,
        SITES[site],
        "10.0." + site + ".0",
        sid,
        title,
        rendition,
        segment,
        "GET",
        uri,
        200,
        bytes,
        segment % 5 == 0 ? "MISS" : "HIT",
        300,
        2000,
        CmcdParser.parse(cmcd));
  }

  /** One open log file per edge, rotated at 64 MiB like the edges' own. */
  private static final class LogSink implements AutoCloseable {
    private final Path dir;
    private final Map<String, BufferedWriter> open = new LinkedHashMap<>();
    private final Map<String, long[]> sizes = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder(512);

    LogSink(Path dir) {
      this.dir = dir;
      try {
        java.nio.file.Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void write(String edge, AccessRecord r) {
      line.setLength(0);
      RecordJson.write(r, line);
      line.append('\n');
      try {
        long[] size = sizes.computeIfAbsent(edge, e -> new long[2]);
        BufferedWriter w = open.get(edge);
        if (w == null || size[0] > MAX_FILE_BYTES) {
          if (w != null) w.close();
          size[0] = 0;
          size[1]++;
          w =
              java.nio.file.Files.newBufferedWriter(
                  dir.resolve(String.format("%s-20251125T000000Z-%06d.jsonl", edge, size[1])),
                  StandardCharsets.UTF_8);
          open.put(edge, w);
        }
        w.append(line);
        size[0] += line.length();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      for (BufferedWriter w : open.values()) {
        try {
          w.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
