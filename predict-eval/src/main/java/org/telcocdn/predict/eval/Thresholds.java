package org.telcocdn.predict.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Thresholds per method, as {@code cdn predict tune} writes them and {@code cdn predict eval
 * --thresholds} reads them: a header, then {@code method,threshold} rows. Methods not in the file
 * keep their defaults ({@link Method#defaultThreshold()}).
 */
public final class Thresholds {
  private final EnumMap<Method, Double> values = new EnumMap<>(Method.class);

  public static Thresholds defaults() {
    Thresholds t = new Thresholds();
    for (Method m : Method.values()) t.values.put(m, m.defaultThreshold());
    return t;
  }

  public double of(Method m) {
    return values.get(m);
  }

  public Thresholds with(Method m, double threshold) {
    if (!(threshold >= m.floor())) {
      throw new IllegalArgumentException(
          "the threshold of "
              + m.label()
              + " must be at least its floor "
              + m.floor()
              + ", was "
              + threshold);
    }
    values.put(m, threshold);
    return this;
  }

  public static Thresholds read(Path file) throws IOException {
    Thresholds t = defaults();
    int lineNo = 0;
    for (String line : Files.readAllLines(file)) {
      lineNo++;
      if (line.isBlank() || line.startsWith("method")) continue;
      String[] f = line.split(",");
      try {
        t.with(Method.of(f[0]), Double.parseDouble(f[1].trim()));
      } catch (RuntimeException e) {
        throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
      }
    }
    return t;
  }

  public void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>(List.of("method,threshold"));
    for (Map.Entry<Method, Double> e : values.entrySet())
      lines.add(e.getKey().label() + "," + e.getValue());
    Files.write(file, lines);
  }
}
