package org.telcocdn.e2e;

/**
 * The shape of the crowd {@link DemandSpikeIT} drives at one edge, and of the crowds its model is
 * trained on beforehand ({@link SpikeTraining}): a background title at {@value #BACKGROUND} new
 * sessions a minute throughout; the crowd's title at {@value #CALM} a minute for {@link #WARM}
 * seconds, then rising linearly to {@value #PEAK} a minute over {@link #RAMP} seconds, then held
 * for {@link #HOLD} seconds. Each new session asks for its first segments at once (positions 0 to
 * {@value #SEGMENTS} - 1), as a player's start-up does.
 */
final class SpikeLoad {
  static final double BACKGROUND = 6;
  static final double CALM = 1;
  static final double PEAK = 60;
  static final int WARM = 150;
  static final int RAMP = 150;
  static final int HOLD = 60;
  static final int SEGMENTS = 3;

  private SpikeLoad() {}

  /** The crowd title's new sessions a minute, {@code t} seconds into the load. */
  static double crowdPerMinute(int t) {
    if (t < WARM) return CALM;
    if (t < WARM + RAMP) return CALM + (PEAK - CALM) * (t - WARM) / RAMP;
    return PEAK;
  }

  /** When the load peaks: the end of the ramp. */
  static int peakAt() {
    return WARM + RAMP;
  }

  static int length() {
    return WARM + RAMP + HOLD;
  }

  /** Spreads a rate over whole sessions, second by second, without randomness. */
  static final class Starts {
    private double owed;

    int next(double perMinute) {
      owed += perMinute / 60;
      int n = (int) owed;
      owed -= n;
      return n;
    }
  }
}
