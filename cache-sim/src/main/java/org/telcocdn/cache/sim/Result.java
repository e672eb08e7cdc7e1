package org.telcocdn.cache.sim;

/**
 * Miss ratios of one policy at one cache size, over the measured (post-warm-up) requests; the byte
 * miss ratio also per class of object, segments and the others, NaN for a class the trace lacks.
 */
public record Result(
    String policy,
    double sizeFraction,
    long capacityBytes,
    double objectMissRatio,
    double byteMissRatio,
    double segmentByteMissRatio,
    double otherByteMissRatio) {
  /** A result without the split by class. */
  public Result(
      String policy,
      double sizeFraction,
      long capacityBytes,
      double objectMissRatio,
      double byteMissRatio) {
    this(
        policy,
        sizeFraction,
        capacityBytes,
        objectMissRatio,
        byteMissRatio,
        Double.NaN,
        Double.NaN);
  }

  /** Whether requests of both classes were measured (a mixed trace). */
  public boolean mixed() {
    return !Double.isNaN(segmentByteMissRatio) && !Double.isNaN(otherByteMissRatio);
  }
}
