package org.telcocdn.cache.sim;

/**
 * The session starts a second that one crowd adds for one title at one site, over time: a flash
 * crowd (release, viral, live) or a decoy that never becomes one (a surge of a popular title, or a
 * crowd too small to count). Its peak is scaled to {@code peak} exactly, so a label's threshold and
 * the curve agree. The onset is found by scanning the curve second by second.
 */
final class CrowdCurve {
  /** The curve's shapes; {@code SURGE} is a decoy only. */
  enum Shape {
    RELEASE,
    VIRAL,
    LIVE,
    SURGE
  }

  /**
   * A live stream's joins before its start: rising with this time constant to 30 % of the peak at
   * the start (viewers tune in to the pre-match show), then the jump to the peak.
   */
  private static final double PRE_SHOW_SECONDS = 180;

  private static final double PRE_SHOW_SHARE = 0.30;

  /** A live stream's joins after the first minutes: 5 % of the peak, until it ends. */
  private static final double LIVE_TAIL_SHARE = 0.05;

  final Shape shape;
  final int site;
  final int title;

  /** The release time, the viral or surge midpoint, or the live start. */
  final double at;

  /** Ramp (release), growth time constant (viral, surge), or pre-show length (live), in seconds. */
  final double rise;

  /** Decay time constant in seconds (for live: of the joins after the start). */
  final double decay;

  /** Live only: when the stream ends. */
  final double streamEnd;

  final double start;
  final double end;
  private final double scale;
  final double peak;
  final double onset;

  CrowdCurve(
      Shape shape,
      int site,
      int title,
      double at,
      double rise,
      double decay,
      double streamEnd,
      double peak) {
    this.shape = shape;
    this.site = site;
    this.title = title;
    this.at = at;
    this.rise = rise;
    this.decay = decay;
    this.streamEnd = streamEnd;
    this.start =
        switch (shape) {
          case RELEASE -> at;
          case VIRAL, SURGE -> at - 8 * rise;
          case LIVE -> at - rise;
        };
    this.end = shape == Shape.LIVE ? streamEnd : at + 3 * rise + 5 * decay;
    double[] scan = scan(1);
    this.scale = peak / scan[0];
    this.peak = peak;
    this.onset = scan[1];
  }

  /** Starts a second at {@code t}. */
  double rate(double t) {
    return t < start || t > end ? 0 : scale * shape(t);
  }

  boolean live() {
    return shape == Shape.LIVE;
  }

  /** The stream's first second (live), from which segment positions count. */
  double streamStart() {
    return start;
  }

  private double shape(double t) {
    double x = t - at;
    return switch (shape) {
      case RELEASE -> (1 - Math.exp(-x / rise)) * Math.exp(-x / decay);
      case VIRAL, SURGE ->
          1 / (1 + Math.exp(-x / rise)) * Math.exp(-Math.max(0, x - 3 * rise) / decay);
      case LIVE ->
          x < 0
              ? PRE_SHOW_SHARE * Math.exp(x / PRE_SHOW_SECONDS)
              : Math.exp(-x / decay) + LIVE_TAIL_SHARE;
    };
  }

  /** The unscaled maximum and the first second reaching half of it. */
  private double[] scan(double scaleOfShape) {
    double max = 0;
    for (double t = start; t <= end; t++) max = Math.max(max, shape(t) * scaleOfShape);
    for (double t = start; t <= end; t++)
      if (shape(t) * scaleOfShape >= max / 2) return new double[] {max, Math.ceil(t)};
    return new double[] {max, start};
  }
}
