package org.telcocdn.cache.sim;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The console table: one block per size, one row per policy. */
public final class ResultTable {
  private ResultTable() {}

  public static void print(List<Result> results, PrintStream out) {
    out.printf(Locale.ROOT, "%-12s %8s %12s %12s%n", "policy", "size", "object_miss", "byte_miss");
    double last = -1;
    for (Result r : results) {
      if (r.sizeFraction() != last && last >= 0) out.println();
      last = r.sizeFraction();
      out.printf(Locale.ROOT, "%-12s %7.2f%% %12.4f %12.4f%n", r.policy(), r.sizeFraction() * 100, r.objectMissRatio(),
          r.byteMissRatio());
    }
  }
}
