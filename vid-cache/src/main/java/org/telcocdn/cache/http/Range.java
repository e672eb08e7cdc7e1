package org.telcocdn.cache.http;

import io.netty.handler.codec.http.HttpResponse;

/**
 * Which bytes of the representation an origin's response to a fill carries: a block of it (a 206
 * answering the slice the edge asked for) or the whole of it (a 200, also from an origin that
 * ignores Range, or a 206 whose block is the whole).
 *
 * @param partial a block of a larger representation
 * @param offset where the body starts in the representation
 * @param size the body's length; -1 when unknown (no Content-Length)
 * @param total the representation's length; -1 when unknown
 */
record Range(boolean partial, long offset, long size, long total) {

  /** The response's range, or null when a 206 is not the block asked for (RFC 9110 §14.4). */
  static Range of(HttpResponse head, int status, HttpSource.Slice asked) {
    if (status == 206 && asked != null) return block(head.headers().get("Content-Range"), asked);
    long size = status == 204 || status == 304 ? 0 : length(head.headers().get("Content-Length"));
    return new Range(false, 0, size, size);
  }

  private static Range block(String contentRange, HttpSource.Slice asked) {
    if (contentRange == null || !contentRange.regionMatches(true, 0, "bytes ", 0, 6)) return null;
    String spec = contentRange.substring(6).strip();
    int dash = spec.indexOf('-');
    int slash = spec.indexOf('/');
    if (dash < 0 || slash < dash) return null;
    long first = Directives.deltaSeconds(spec.substring(0, dash).strip());
    long last = Directives.deltaSeconds(spec.substring(dash + 1, slash).strip());
    long total = Directives.deltaSeconds(spec.substring(slash + 1).strip());
    // The whole block asked for, or up to the end of the representation: a shorter block would
    // leave a
    // hole the slice's key claims to hold.
    long wanted = Math.min(asked.start() + asked.length(), total) - 1;
    if (first != asked.start() || total < 0 || last != wanted) return null;
    long size = last - first + 1;
    boolean whole = first == 0 && size == total;
    return new Range(!whole, first, size, total);
  }

  private static long length(String contentLength) {
    if (contentLength == null) return -1;
    try {
      long n = Long.parseLong(contentLength.strip());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
