package org.telcocdn.cache.sim;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The labels file a flash-crowd trace is written with: a header, then {@code
 * onset,site,title,kind,peak_per_min,base_per_min}, one row per flash crowd, by onset. It sits
 * beside the trace: {@code run.csv} has {@code run.labels.csv} ({@link #beside}).
 */
public final class FlashCrowdLabels {
  static final String HEADER = "onset,site,title,kind,peak_per_min,base_per_min";

  private FlashCrowdLabels() {}

  /**
   * Where the labels of {@code trace} are: its name with the last extension replaced by {@code
   * .labels.csv}.
   */
  public static Path beside(Path trace) {
    String name = trace.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return trace.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".labels.csv");
  }

  public static void write(List<FlashCrowd> labels, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write(HEADER + "\n");
      for (FlashCrowd l : labels) {
        out.write(
            String.format(
                Locale.ROOT,
                "%d,%d,%d,%s,%.3f,%.4f%n",
                l.onset(),
                l.site(),
                l.title(),
                l.kind().label(),
                l.peakPerMinute(),
                l.basePerMinute()));
      }
    }
  }

  public static List<FlashCrowd> read(Path file) throws IOException {
    List<FlashCrowd> labels = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      int lineNo = 0;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank() || line.startsWith("onset")) continue;
        String[] f = line.split(",");
        try {
          labels.add(
              new FlashCrowd(
                  Long.parseLong(f[0].trim()),
                  Integer.parseInt(f[1].trim()),
                  Long.parseLong(f[2].trim()),
                  FlashCrowd.Kind.of(f[3]),
                  f.length > 4 ? Double.parseDouble(f[4]) : 0,
                  f.length > 5 ? Double.parseDouble(f[5]) : 0));
        } catch (RuntimeException e) {
          throw new IOException(
              file + ":" + lineNo + ": expected " + HEADER + " but got '" + line + "'", e);
        }
      }
    }
    return labels;
  }
}
