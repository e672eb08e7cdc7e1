package org.telcocdn.cache.sim;

import java.util.Locale;

/**
 * One flash crowd of a generated trace, as its label: a title's session starts at one site reach at
 * least {@link FlashCrowdWorkload#SPIKE_RATIO} times the title's rate there before it and at least
 * {@link FlashCrowdWorkload#SPIKE_FLOOR_PER_MINUTE} a minute.
 *
 * @param onset the first second at which the crowd's start rate reaches half its peak: the moment
 *     the crowd arrives (a live event's start, a release's or a viral clip's steepest minutes)
 * @param site the site (0 to 127)
 * @param title the packed title number ({@link org.telcocdn.cache.policy.VideoIds})
 * @param peakPerMinute the crowd's peak of session starts a minute
 * @param basePerMinute the title's session starts a minute at the site without the crowd, at the
 *     onset
 */
public record FlashCrowd(
    long onset, int site, long title, Kind kind, double peakPerMinute, double basePerMinute) {
  /** What drew the crowd. */
  public enum Kind {
    /**
     * A new title published at a set time; viewers arrive over the next minutes as word spreads.
     */
    RELEASE,
    /** A catalog clip shared on: starts grow log-linearly (exponentially), then saturate. */
    VIRAL,
    /** A live stream: a pre-show trickle, then a sharp start at the scheduled time. */
    LIVE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String label) {
      return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
  }
}
