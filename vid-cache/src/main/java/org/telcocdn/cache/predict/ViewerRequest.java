package org.telcocdn.cache.predict;

/**
 * A viewer's object request as the event loop saw it: references to what Netty already decoded, no
 * parsing. The predictor's thread reads the title, position and CMCD out of it later.
 *
 * @param cmcd the CMCD-Object, -Request, -Session and -Status headers (null when absent), or null
 *     when the request had none
 */
record ViewerRequest(long timeMillis, String uri, String[] cmcd) {}
