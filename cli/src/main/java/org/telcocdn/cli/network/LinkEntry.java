package org.telcocdn.cli.network;

/**
 * A link as written under {@code links:}: its two ends (site or client-group names) and any field
 * of {@link LinkSpec} that differs from {@code linkDefaults} of its class.
 */
public record LinkEntry(
    String a, String b, Double oneWayMs, Double jitterMs, Double lossPct, Double rateMbit) {
  public LinkSpec overrides() {
    return new LinkSpec(oneWayMs, jitterMs, lossPct, rateMbit);
  }

  public String label() {
    return a + "–" + b;
  }
}
