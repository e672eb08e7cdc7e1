package org.telcocdn.controller;

import org.telcocdn.cache.allocation.TitleDemand;

/**
 * Turns a title's request count (all the analytics service reports) and its size into the
 * allocator's demand. The service has no per-segment counts, so two things are assumed and
 * configured: the share of requests that fall in the prefix ({@code
 * controller.prefix-request-share}; the simulator measures it instead) and a footprint of one
 * mean-bitrate segment per request, at most the whole title (an overestimate for popular titles,
 * whose viewers share segments, which only makes the plan reserve too much for them).
 */
record DemandEstimate(int prefixSegments, double prefixRequestShare) {
  TitleDemand of(String title, long requests, TitleSize size) {
    long footprint = Math.max(1, Math.min(size.wholeBytes(), requests * size.meanSegmentBytes()));
    boolean allPrefix = size.segments() <= prefixSegments;
    double prefixRequests = allPrefix ? requests : requests * prefixRequestShare;
    long prefixBytes =
        allPrefix ? footprint : Math.min(footprint, prefixSegments * size.meanSegmentBytes());
    return new TitleDemand(title, requests, prefixRequests, footprint, prefixBytes);
  }
}
