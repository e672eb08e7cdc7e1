package org.telcocdn.predict.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** How {@code cdn predict eval} prints its tables and writes its alarms file. */
public final class EvalTable {
  static final String ALARMS_HEADER = "time,site,title,score,method";

  private EvalTable() {}

  public static void detections(Evaluation.Outcome outcome, PrintStream out) {
    Replay.Tapes t = outcome.tapes();
    out.printf(
        Locale.ROOT,
        "replay: %d sites, scored from t=%d to t=%d; %d labelled samples at the edges (%d spikes), %d federated rounds%n",
        t.sites(),
        outcome.scoredFrom(),
        t.end(),
        t.samples(),
        t.spikes(),
        t.rounds());
    out.println(
        "method           | threshold | crowds | detected | alarms | false | precision | recall | F1    | lead median | lead p10 | false/site-h");
    for (Detection d : outcome.detections().values()) {
      out.printf(
          Locale.ROOT,
          "%-16s | %9.3f | %6d | %8d | %6d | %5d | %9.3f | %6.3f | %.3f | %9s s | %6s s | %.2f%n",
          d.method().label(),
          d.threshold(),
          d.events(),
          d.detected(),
          d.alarms(),
          d.falseAlarms(),
          d.precision(),
          d.recall(),
          d.f1(),
          seconds(d.medianLead()),
          seconds(d.p10Lead()),
          d.falseAlarmsPerSiteHour());
    }
  }

  public static void cache(List<CacheResult> results, PrintStream out) {
    cacheHeader(out);
    for (CacheResult r : results) cacheRow(r, out);
  }

  public static void cacheHeader(PrintStream out) {
    out.println(
        "policy   | size  | acting on        | byte hit | origin/requested | spike byte hit | spike origin GB | prefetched GB | waste  | acted | skipped (live)");
  }

  /** One row, printed as soon as its replay ends (a replay of 10 M requests takes a while). */
  public static void cacheRow(CacheResult r, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%-8s | %4.1f%% | %-16s | %.4f   | %.4f           | %.4f         | %15.3f | %13.3f | %5.1f%% | %5d | %d (%d)%n",
        r.policy(),
        100 * r.sizeFraction(),
        r.actedOn(),
        r.byteHitRatio(),
        r.originRatio(),
        r.spikeByteHitRatio(),
        r.spikeOriginBytes() / 1e9,
        r.prefetchedBytes() / 1e9,
        r.prefetchedBytes() == 0 ? 0 : 100 * r.wasteShare(),
        r.prefetches(),
        r.skipped(),
        r.skippedLive());
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.0f", s);
  }

  /** Every alarm as {@code time,site,title,score,method}, by time. */
  public static void writeAlarms(List<Alarm> alarms, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write(ALARMS_HEADER + "\n");
      for (Alarm a : alarms) {
        w.write(
            String.format(
                Locale.ROOT,
                "%d,%d,%d,%.6g,%s%n",
                a.time(),
                a.site(),
                a.title(),
                a.score(),
                a.method().label()));
      }
    }
  }
}
