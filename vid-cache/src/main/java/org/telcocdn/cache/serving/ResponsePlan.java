package org.telcocdn.cache.serving;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.telcocdn.cache.storage.ObjectMeta;

/**
 * What to answer for one object request once its metadata is known, the same for hits and for
 * misses served from a fill: status, and which body bytes (if any) to send.
 *
 * <p>Ranges follow RFC 9110 §14.2: one satisfiable range gives 206, an unsatisfiable one 416, and a
 * range header the edge does not understand, or several ranges, is ignored (the whole object, 200);
 * multipart/byteranges is not worth its complexity for players, which ask for one range at a time.
 */
public record ResponsePlan(int status, long offset, long length, boolean sendBody) {

  public static ResponsePlan of(HttpRequest request, ObjectMeta meta) {
    boolean head = request.method().equals(HttpMethod.HEAD);
    if (notModified(request.headers().get(HttpHeaderNames.IF_NONE_MATCH), meta.etag())) {
      return new ResponsePlan(304, 0, 0, false);
    }
    String range = request.headers().get(HttpHeaderNames.RANGE);
    long[] bounds = range == null ? null : parseRange(range, meta.size());
    if (bounds == null) return new ResponsePlan(200, 0, meta.size(), !head);
    if (bounds.length == 0) return new ResponsePlan(416, 0, 0, false);
    return new ResponsePlan(206, bounds[0], bounds[1] - bounds[0] + 1, !head);
  }

  /** The Content-Range value, or null when the status carries none. */
  public String contentRange(long size) {
    if (status == 206) return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    if (status == 416) return "bytes */" + size;
    return null;
  }

  /**
   * Whether the response has a body length to announce (304 has none; 416 carries a JSON error).
   */
  public boolean hasObjectBody() {
    return status == 200 || status == 206;
  }

  static boolean notModified(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || etag == null) return false;
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) tag = tag.substring(2);
      if (tag.equals("*") || tag.equals(etag)) return true;
    }
    return false;
  }

  /**
   * {first, last} inclusive; empty array when unsatisfiable; null when ignored (malformed,
   * multiple).
   */
  static long[] parseRange(String header, long size) {
    String value = header.trim();
    if (!value.regionMatches(true, 0, "bytes=", 0, 6)) return null;
    String spec = value.substring(6).trim();
    if (spec.contains(",")) return null;
    int dash = spec.indexOf('-');
    if (dash < 0) return null;
    try {
      String first = spec.substring(0, dash).trim();
      String last = spec.substring(dash + 1).trim();
      if (first.isEmpty()) return suffix(Long.parseLong(last), size, last);
      if (!digits(first) || (!last.isEmpty() && !digits(last))) return null;
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
      if (end < start) return null;
      if (start >= size) return new long[0];
      return new long[] {start, Math.min(end, size - 1)};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long[] suffix(long n, long size, String text) {
    if (!digits(text)) return null;
    if (n == 0 || size == 0) return new long[0];
    return new long[] {Math.max(0, size - n), size - 1};
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}
