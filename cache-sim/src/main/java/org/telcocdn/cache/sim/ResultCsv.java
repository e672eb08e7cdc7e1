package org.telcocdn.cache.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * One row per policy and size: {@code policy,size_fraction,capacity_bytes,object_miss_ratio,
 * byte_miss_ratio,segment_byte_miss_ratio,other_byte_miss_ratio}, a class's column empty when the
 * trace has none of it.
 */
public final class ResultCsv {
  private ResultCsv() {}

  public static void write(List<Result> results, Writer out) throws IOException {
    out.write(
        "policy,size_fraction,capacity_bytes,object_miss_ratio,byte_miss_ratio,segment_byte_miss_ratio,other_byte_miss_ratio\n");
    for (Result r : results) {
      out.write(
          String.format(
              Locale.ROOT,
              "%s,%s,%d,%.5f,%.5f,%s,%s%n",
              r.policy(),
              r.sizeFraction(),
              r.capacityBytes(),
              r.objectMissRatio(),
              r.byteMissRatio(),
              ratio(r.segmentByteMissRatio()),
              ratio(r.otherByteMissRatio())));
    }
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.5f", value);
  }
}
