package org.telcocdn.predict.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * The methods {@code cdn predict eval} compares, by the name alarms carry. Each records its scores
 * from {@code floor} up (lower scores could never alarm at any threshold worth tuning); the default
 * threshold is the one tuned on the tuning trace of docs/prediction.md (seed 1), used when no
 * thresholds file is given.
 */
public enum Method {
  STATIC_THRESHOLD("static-threshold", 5, 35),
  EWMA_Z("ewma-z", 2, 6),
  HOLT_WINTERS("holt-winters", 1.5, 4),
  CUSUM("cusum", 1, 10),
  LOCAL_ONLY("local-only", 0.02, 0.5),
  CENTRALISED("centralised", 0.02, 0.5),
  FEDERATED("federated", 0.02, 0.5);

  private final String label;
  private final double floor;
  private final double defaultThreshold;

  Method(String label, double floor, double defaultThreshold) {
    this.label = label;
    this.floor = floor;
    this.defaultThreshold = defaultThreshold;
  }

  public String label() {
    return label;
  }

  double floor() {
    return floor;
  }

  public double defaultThreshold() {
    return defaultThreshold;
  }

  /** Whether it is the learned model (trained on the edges' own labels), rather than a fixed rule. */
  public boolean learned() {
    return ordinal() >= LOCAL_ONLY.ordinal();
  }

  public static Method of(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    for (Method m : values()) if (m.label.equals(l)) return m;
    throw new IllegalArgumentException("unknown method '" + label + "', expected one of "
        + Arrays.stream(values()).map(Method::label).toList());
  }
}
