package org.telcocdn.cache.sim;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The console table: one block per size, one row per policy; on a trace of segments and other
 * objects, also the byte miss ratio of each class.
 */
public final class ResultTable {
  private ResultTable() {}

  public static void print(List<Result> results, PrintStream out) {
    boolean byClass = results.stream().anyMatch(Result::mixed);
    out.printf(Locale.ROOT, "%-12s %8s %12s %12s", "policy", "size", "object_miss", "byte_miss");
    out.println(
        byClass ? String.format(Locale.ROOT, " %12s %12s", "segment_byte", "other_byte") : "");
    double last = -1;
    for (Result r : results) {
      if (r.sizeFraction() != last && last >= 0) out.println();
      last = r.sizeFraction();
      out.printf(
          Locale.ROOT,
          "%-12s %7.2f%% %12.4f %12.4f",
          r.policy(),
          r.sizeFraction() * 100,
          r.objectMissRatio(),
          r.byteMissRatio());
      out.println(
          byClass
              ? String.format(
                  Locale.ROOT, " %12.4f %12.4f", r.segmentByteMissRatio(), r.otherByteMissRatio())
              : "");
    }
  }
}
