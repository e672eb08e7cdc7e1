package org.telcocdn.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.telcocdn.accesslog.AccessRecord;
import org.telcocdn.accesslog.Cmcd;
import org.telcocdn.accesslog.LogFiles;
import org.telcocdn.accesslog.RecordJson;

/**
 * The baseline of the benchmark: one thread, plain Java, the same files, the core of the same
 * answers (requests and bytes per title and hour, per site, the day profile, rendition mix, session
 * depth for retention). {@code PlainPass LOGDIR [--scan]}: by default every line is parsed fully
 * with Jackson; {@code --scan} uses the job's own field scanner ({@link LineFields}), the fair
 * comparison for the parsing cost.
 */
public final class PlainPass {
  private PlainPass() {}

  public static void main(String[] args) throws IOException {
    boolean scan = args.length > 1 && args[1].equals("--scan");
    long start = System.nanoTime();
    long records = 0;
    Map<String, long[]> titleHour = new HashMap<>();
    Map<String, long[]> siteTitle = new HashMap<>();
    Map<String, Integer> depth = new HashMap<>();
    Map<String, long[]> mix = new HashMap<>();
    long[] diurnal = new long[24];
    for (Path file : LogFiles.list(Path.of(args[0]))) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line; (line = in.readLine()) != null; ) {
          AccessRecord r = scan ? scanned(line) : RecordJson.read(line);
          if (r == null || r.content() == null) continue;
          records++;
          if (!r.isSuccessful()) continue; // as the job: errors are no popularity
          long hour = r.time() / PopularityJob.HOUR;
          add(titleHour, r.content() + "|" + hour, r.bytes());
          add(siteTitle, r.site() + "|" + r.content(), r.bytes());
          diurnal[(int) (hour % 24)]++;
          if (r.rendition() != null) add(mix, r.rendition(), r.bytes());
          if (r.isSegment() && r.session() != null)
            depth.merge(r.content() + "|" + r.session(), r.segment(), Math::max);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "records %d seconds %.1f records/s %.0f (title-hours %d, sessions %d)%n",
        records, seconds, records / seconds, titleHour.size(), depth.size());
  }

  /** The fields the pass needs, from {@link LineFields}, as a record with the rest empty. */
  private static AccessRecord scanned(String line) {
    org.apache.spark.sql.Row row = LineFields.parse(line);
    if (row == null) return null;
    return new AccessRecord(
        row.getLong(0),
        row.getString(1),
        row.getString(2),
        null,
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getInt(6),
        null,
        null,
        row.getInt(7),
        row.getLong(8),
        null,
        0,
        0,
        Cmcd.NONE);
  }

  private static void add(Map<String, long[]> m, String key, long bytes) {
    long[] c = m.computeIfAbsent(key, k -> new long[2]);
    c[0]++;
    c[1] += bytes;
  }
}
