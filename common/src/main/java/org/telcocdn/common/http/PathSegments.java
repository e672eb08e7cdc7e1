package org.telcocdn.common.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request path into decoded segments and refuses any that could leave a store: {@code ..}
 * and {@code .} (also percent-encoded, e.g. {@code %2e%2e}), segments that decode to a slash or
 * backslash ({@code %2f}, {@code %5c}), NUL bytes and malformed escapes. Every service routes
 * through this, so no handler ever sees a path parameter that names a parent directory.
 */
public final class PathSegments {
  private PathSegments() {}

  public static List<String> split(String rawPath) {
    // By hand rather than String.split (a regex engine check, an array and a list per request): the
    // edge runs this on every segment request.
    List<String> segments = new ArrayList<>(6);
    int start = 0;
    int length = rawPath.length();
    while (start <= length) {
      int slash = rawPath.indexOf('/', start);
      int end = slash < 0 ? length : slash;
      if (end > start) segments.add(decode(rawPath.substring(start, end)));
      start = end + 1;
    }
    return segments;
  }

  private static String decode(String raw) {
    String segment;
    try {
      // Without '%' there is nothing to decode ('+' means itself in a path); skips the decoder.
      segment =
          raw.indexOf('%') < 0 ? raw : QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("path segment '" + raw + "' has a malformed escape");
    }
    if (segment.equals("..") || segment.equals(".")) {
      throw ApiException.badRequest("path may not contain '" + segment + "' segments");
    }
    if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
      throw ApiException.badRequest("path segment '" + raw + "' decodes to a separator or NUL");
    }
    return segment;
  }
}
