package org.telcocdn.predict.prefetch;

/**
 * What the sessions of a site ask for in their first {@value #POSITIONS} segments, learned from its
 * requests: for each rendition and position, requests per session start (request for position 0).
 * Players start low and climb (ABR start-up), and viewers leave as they go (retention), so the
 * share falls with the position and moves between renditions after the first few. Counts are halved
 * every {@value #HALVE_EVERY} requests, so the mix follows the site's viewers. Fixed memory: one
 * {@code long} per rendition and position.
 */
public final class AudienceMix {
  public static final int POSITIONS = 64;
  public static final int RENDITIONS = 16;
  private static final long HALVE_EVERY = 1 << 20;

  private final long[] counts = new long[RENDITIONS * POSITIONS];
  private long starts;
  private long recorded;

  /** A segment request; positions from {@value #POSITIONS} on are not counted. */
  public void record(int rendition, int position) {
    if (position < 0 || position >= POSITIONS || rendition < 0 || rendition >= RENDITIONS) return;
    counts[rendition * POSITIONS + position]++;
    if (position == 0) starts++;
    if (++recorded % HALVE_EVERY == 0) halve();
  }

  private void halve() {
    for (int i = 0; i < counts.length; i++) counts[i] >>>= 1;
    starts >>>= 1;
  }

  /** Requests for (rendition, position) per session start; 0 before any start was seen. */
  public double perStart(int rendition, int position) {
    if (starts == 0
        || position < 0
        || position >= POSITIONS
        || rendition < 0
        || rendition >= RENDITIONS) return 0;
    return (double) counts[rendition * POSITIONS + position] / starts;
  }

  /**
   * Requests per session start over every rendition and position counted: a session's requests in
   * its first minutes.
   */
  public double requestsPerStart() {
    if (starts == 0) return 0;
    long all = 0;
    for (long c : counts) all += c;
    return (double) all / starts;
  }
}
