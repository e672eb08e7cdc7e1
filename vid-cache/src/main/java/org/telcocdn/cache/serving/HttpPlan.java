package org.telcocdn.cache.serving;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.telcocdn.cache.http.HttpTime;
import org.telcocdn.cache.storage.HttpMeta;
import org.telcocdn.cache.storage.ObjectMeta;

/**
 * What to answer a viewer from an HTTP origin's response, stored or arriving: the status, and which
 * bytes of the representation to send. A stored 200 answers the viewer's conditions (RFC 9110 §13:
 * {@code If-None-Match} before {@code If-Modified-Since}, 304 when they say the viewer's copy is
 * current) and one byte range (§14: 206, or 416 when unsatisfiable; several ranges, or an {@code
 * If-Range} that does not match, get the whole 200, as {@link ResponsePlan} does for vid-raw's
 * objects). Any other status is sent as it came, whole. A representation of unknown length (no
 * Content-Length, still arriving) is sent whole, chunked.
 *
 * @param length -1 when unknown: the body is sent chunked until it ends
 */
record HttpPlan(int status, long offset, long length, boolean sendBody, long total) {

  static HttpPlan of(HttpRequest request, ObjectMeta first) {
    HttpMeta http = first.http();
    long total = http.total();
    boolean head = request.method().equals(HttpMethod.HEAD);
    if (http.status() != 200 || total < 0)
      return new HttpPlan(http.status(), 0, total, !head && !bodiless(http.status()), total);
    HttpHeaders h = request.headers();
    if (notModified(h, http)) return new HttpPlan(304, 0, 0, false, total);
    String range = h.get(HttpHeaderNames.RANGE);
    long[] bounds =
        range == null || !ifRangeHolds(h.get(HttpHeaderNames.IF_RANGE), http)
            ? null
            : ResponsePlan.parseRange(range, total);
    if (bounds == null) return new HttpPlan(200, 0, total, !head, total);
    if (bounds.length == 0) return new HttpPlan(416, 0, 0, false, total);
    return new HttpPlan(206, bounds[0], bounds[1] - bounds[0] + 1, !head, total);
  }

  /**
   * Where a viewer's range starts, before the representation's length is known: -1 for a suffix
   * range.
   */
  static long start(HttpRequest request) {
    String range = request.headers().get(HttpHeaderNames.RANGE);
    if (range == null) return 0;
    if (range.replace(" ", "").regionMatches(true, 0, "bytes=-", 0, 7)) return -1;
    long[] bounds = ResponsePlan.parseRange(range, Long.MAX_VALUE);
    return bounds == null || bounds.length == 0 ? 0 : bounds[0];
  }

  private static boolean bodiless(int status) {
    return status == 204 || status == 304 || status < 200;
  }

  private static boolean notModified(HttpHeaders h, HttpMeta http) {
    String ifNoneMatch = h.get(HttpHeaderNames.IF_NONE_MATCH);
    if (ifNoneMatch != null) return weakMatch(ifNoneMatch, http.first("ETag"));
    String ifModifiedSince = h.get(HttpHeaderNames.IF_MODIFIED_SINCE);
    if (ifModifiedSince == null) return false;
    long since = HttpTime.parse(ifModifiedSince, System.currentTimeMillis());
    String lastModified = http.first("Last-Modified");
    long modified =
        HttpTime.parse(
            lastModified != null ? lastModified : http.first("Date"), System.currentTimeMillis());
    return since != HttpTime.INVALID && modified != HttpTime.INVALID && modified <= since;
  }

  /** RFC 9110 §13.1.2: weak comparison; {@code *} matches any current representation. */
  static boolean weakMatch(String list, String etag) {
    if (etag == null) return false;
    String own = opaque(etag);
    for (String candidate : list.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || opaque(tag).equals(own)) return true;
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /**
   * RFC 9110 §13.1.5: the range applies if {@code If-Range} is absent, or names the current strong
   * ETag or Last-Modified date.
   */
  private static boolean ifRangeHolds(String ifRange, HttpMeta http) {
    if (ifRange == null) return true;
    String value = ifRange.strip();
    if (value.startsWith("\"")) return value.equals(http.first("ETag"));
    if (value.startsWith("W/")) return false;
    String modified = http.first("Last-Modified");
    return modified != null
        && HttpTime.parse(value, 0) == HttpTime.parse(modified, 0)
        && HttpTime.parse(value, 0) != HttpTime.INVALID;
  }

  String contentRange() {
    if (status == 206) return "bytes " + offset + "-" + (offset + length - 1) + "/" + total;
    if (status == 416) return "bytes */" + total;
    return null;
  }

  long end() {
    return length < 0 ? Long.MAX_VALUE : offset + length;
  }
}
