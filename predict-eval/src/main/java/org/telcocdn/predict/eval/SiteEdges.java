package org.telcocdn.predict.eval;

/**
 * Which edge of its site a title's requests reach: rendezvous (highest random weight) hashing of
 * the title over the site's edges, as the broker's consistent hashing keeps a title on one edge.
 */
public final class SiteEdges {
  private final int perSite;

  public SiteEdges(int perSite) {
    this.perSite = perSite;
  }

  public int perSite() {
    return perSite;
  }

  /** The edge's number over all sites: {@code site * perSite + (0 .. perSite-1)}. */
  public int edgeOf(int site, long title) {
    int best = 0;
    long bestWeight = Long.MIN_VALUE;
    for (int e = 0; e < perSite; e++) {
      long h = mix(title * 0x9E3779B97F4A7C15L + (site * 1009L + e) * 0xC2B2AE3D27D4EB4FL);
      if (h > bestWeight) {
        bestWeight = h;
        best = e;
      }
    }
    return site * perSite + best;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
