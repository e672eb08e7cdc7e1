package org.telcocdn.predict.eval;

/**
 * An alarm: a method's score for a title at a site reached its threshold.
 *
 * @param logRequests the federated model's expected log(1 + requests) of the title over its horizon
 *     at that moment, which sizes the prefetch
 */
public record Alarm(
    long time, int site, long title, double score, Method method, double logRequests) {}
