package org.telcocdn.cli.national;

/**
 * The knobs of {@code cdn sim-network}, checked with the rule and the value named.
 *
 * @param sites edge sites (central offices), grouped under regional sites
 * @param viewers subscribers spread over the edge sites (sizes log-normal: metro and rural offices)
 * @param sessionsPerViewer sessions a viewer starts in the day, on average
 * @param titles the national catalog (plus {@code newReleases} released during the day)
 * @param edgeCacheBytes the disk of one edge cache (a site has one per {@code viewersPerEdge}
 *     viewers, 1 to 4)
 * @param regionalCacheBytes the mid-tier cache of one regional site
 * @param sitesPerRegion edge sites per regional site (its primary parent)
 * @param warmupHours the first hours of the day fill the caches and are not counted in the ratios
 *     and rates
 * @param threads regions replayed at once
 */
public record NationalSettings(
    int sites,
    long viewers,
    double sessionsPerViewer,
    int titles,
    int newReleases,
    double zipf,
    long seed,
    long edgeCacheBytes,
    long regionalCacheBytes,
    int sitesPerRegion,
    long viewersPerEdge,
    int warmupHours,
    int threads,
    String edgePolicy,
    String regionalPolicy) {
  public NationalSettings {
    require(
        sites >= 2 && sites <= 4000,
        "--sites",
        sites,
        "2 to 4000 (the generated addresses run out beyond)");
    require(
        viewers >= sites && viewers <= 1_000_000_000L,
        "--viewers",
        viewers,
        "at least one per site, at most 10^9");
    require(
        sessionsPerViewer > 0 && sessionsPerViewer <= 100,
        "--sessions-per-viewer",
        sessionsPerViewer,
        "above 0, at most 100");
    require(titles >= 10 && titles <= 1_000_000, "--titles", titles, "10 to 1000000");
    require(newReleases >= 0 && newReleases <= 1000, "--new-releases", newReleases, "0 to 1000");
    require(zipf > 0 && zipf < 3, "--zipf", zipf, "between 0 and 3");
    require(edgeCacheBytes > 0, "--edge-cache", edgeCacheBytes, "above 0");
    require(regionalCacheBytes > 0, "--regional-cache", regionalCacheBytes, "above 0");
    require(sitesPerRegion >= 1, "--sites-per-region", sitesPerRegion, "at least 1");
    require(viewersPerEdge >= 1, "--viewers-per-edge", viewersPerEdge, "at least 1");
    require(warmupHours >= 0 && warmupHours < 24, "--warmup-hours", warmupHours, "0 to 23");
    require(threads >= 1 && threads <= 256, "--threads", threads, "1 to 256");
  }

  /**
   * Regional sites: one per {@code sitesPerRegion} edge sites, at least two (every edge has two
   * parents).
   */
  public int regions() {
    return Math.max(2, (sites + sitesPerRegion - 1) / sitesPerRegion);
  }

  private static void require(boolean ok, String option, Object value, String rule) {
    if (!ok) throw new IllegalArgumentException(option + " must be " + rule + ", was " + value);
  }
}
