package org.telcocdn.predict.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * The methods {@code cdn predict eval} compares, by the name alarms carry. Each records its scores
 * from {@code floor} up (lower scores could never alarm at any threshold worth tuning); the default
 * threshold is the one {@code cdn predict tune} chose on the tuning trace of docs/prediction.md
 * (seed 1, 4 sites, 4 M background requests), used when no thresholds file is given.
 */
public enum Method {
  STATIC_THRESHOLD("static-threshold", 5, 76.46),
  EWMA_Z("ewma-z", 2, 5.921),
  HOLT_WINTERS("holt-winters", 1.5, 10.57),
  CUSUM("cusum", 1, 201.0),
  LOCAL_ONLY("local-only", 0.02, 0.3479),
  CENTRALISED("centralised", 0.02, 0.8467),
  FEDERATED("federated", 0.02, 0.6520);

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

  /**
   * Whether it is the learned model (trained on the edges' own labels), rather than a fixed rule.
   */
  public boolean learned() {
    return ordinal() >= LOCAL_ONLY.ordinal();
  }

  public static Method of(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    for (Method m : values()) if (m.label.equals(l)) return m;
    throw new IllegalArgumentException(
        "unknown method '"
            + label
            + "', expected one of "
            + Arrays.stream(values()).map(Method::label).toList());
  }
}
