package org.telcocdn.cache.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** One row per policy and size: {@code policy,size_fraction,capacity_bytes,object_miss_ratio,byte_miss_ratio}. */
public final class ResultCsv {
  private ResultCsv() {}

  public static void write(List<Result> results, Writer out) throws IOException {
    out.write("policy,size_fraction,capacity_bytes,object_miss_ratio,byte_miss_ratio\n");
    for (Result r : results) {
      out.write(String.format(Locale.ROOT, "%s,%s,%d,%.5f,%.5f%n", r.policy(), r.sizeFraction(), r.capacityBytes(),
          r.objectMissRatio(), r.byteMissRatio()));
    }
  }
}
