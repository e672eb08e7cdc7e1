package org.telcocdn.cache.allocation;

/**
 * What the recent past says about one title in one site: how many segment requests it drew, how
 * many of them fell in its first segments (the prefix), and what holding it costs.
 *
 * @param requests segment requests in the window (or a decayed sum over windows)
 * @param prefixRequests the part of {@code requests} for segments below the prefix length
 * @param footprintBytes bytes needed to hold what viewers watch of it (at most the whole title)
 * @param prefixBytes bytes needed to hold its prefix (at most {@code footprintBytes})
 */
public record TitleDemand(
    String title, double requests, double prefixRequests, long footprintBytes, long prefixBytes) {
  public TitleDemand {
    if (requests < 0 || prefixRequests < 0 || prefixRequests > requests + 1e-9) {
      throw new IllegalArgumentException(
          title
              + ": need 0 <= prefixRequests <= requests, were "
              + prefixRequests
              + ", "
              + requests);
    }
    if (footprintBytes <= 0 || prefixBytes <= 0)
      throw new IllegalArgumentException(title + ": sizes must be positive");
    prefixBytes = Math.min(prefixBytes, footprintBytes);
  }

  /** Requests won per byte by holding the prefix. */
  double prefixDensity() {
    return prefixRequests / prefixBytes;
  }

  /** Requests won per byte by holding the rest once the prefix is held. */
  double restDensity() {
    long rest = footprintBytes - prefixBytes;
    return rest <= 0 ? Double.POSITIVE_INFINITY : (requests - prefixRequests) / rest;
  }
}
