package org.telcocdn.predict.eval;

/**
 * One policy at one cache size over the scored period, without prediction ({@code actedOn} "none")
 * or acting on one method's alarms. Byte counts are summed over every edge; prefetched bytes are
 * origin bytes.
 *
 * @param requestedBytes bytes requested
 * @param missBytes bytes of requests that missed (fetched from the origin on demand)
 * @param prefetchedBytes bytes placed by prefetching
 * @param wastedBytes prefetched bytes not requested at their edge within 10 minutes
 * @param spikeRequestedBytes bytes requested of a crowd's title at its site from onset to onset +
 *     10 min
 * @param spikeMissBytes the misses among them
 * @param spikePrefetchedBytes bytes prefetched for those crowds (from 5 min before the onset)
 * @param prefetches titles placed (alarms acted on)
 * @param skipped alarms not acted on, with their reason counted in {@code skippedLive}
 * @param skippedLive alarms for a title that plays as live at the site (its segments follow the
 *     live edge)
 */
public record CacheResult(
    String policy,
    double sizeFraction,
    String actedOn,
    long requestedBytes,
    long missBytes,
    long prefetchedBytes,
    long wastedBytes,
    long spikeRequestedBytes,
    long spikeMissBytes,
    long spikePrefetchedBytes,
    int prefetches,
    int skipped,
    int skippedLive) {
  public double byteHitRatio() {
    return ratio(requestedBytes - missBytes, requestedBytes);
  }

  /**
   * Origin bytes (misses and prefetches) over requested bytes: the byte miss ratio with prefetch
   * counted.
   */
  public double originRatio() {
    return ratio(missBytes + prefetchedBytes, requestedBytes);
  }

  public double spikeByteHitRatio() {
    return ratio(spikeRequestedBytes - spikeMissBytes, spikeRequestedBytes);
  }

  public long spikeOriginBytes() {
    return spikeMissBytes + spikePrefetchedBytes;
  }

  public double wasteShare() {
    return ratio(wastedBytes, prefetchedBytes);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }
}
