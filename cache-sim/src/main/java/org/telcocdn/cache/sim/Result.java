package org.telcocdn.cache.sim;

/** Miss ratios of one policy at one cache size, over the measured (post-warm-up) requests. */
public record Result(String policy, double sizeFraction, long capacityBytes, double objectMissRatio,
                     double byteMissRatio) {}
