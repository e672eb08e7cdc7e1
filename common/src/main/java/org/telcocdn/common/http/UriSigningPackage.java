package org.telcocdn.common.http;

/**
 * The URI Signing Package of RFC 9246 found in a request URI, and the URI without it. The broker
 * puts the signed JWT into the video id's path segment as a path-style parameter ({@code
 * /videos/{id};URISigningPackage={jwt}/master.m3u8}), so every relative URI of the title's
 * playlists resolves under it and inherits it with no playlist rewriting. A verifier must also find
 * it as a form-style parameter ({@code ?URISigningPackage=}), and Traffic Server's plugin accepts a
 * whole segment ({@code /URISigningPackage={jwt}/}); all three are found here.
 *
 * <p>{@link #uri()} is the request URI with the package removed as RFC 9246's URI Container claim
 * ({@code cdniuc}) says before the URI is compared with it: when the JWT ends at a sub-delimiter
 * (e.g. {@code &}), from the attribute's first character up to and including that delimiter;
 * otherwise (a {@code /}, {@code ?} or the end), from the reserved character before the attribute
 * to the JWT's last character. Every form thus strips to the same URI, which is also what the edge
 * caches the object under and what the access log records: two viewers with different tokens share
 * one cached copy, and no token, a bearer credential until it expires, is ever written to a log.
 *
 * <p>Lives in common, with no JOSE library, so the access log (and the Spark job that reads it) can
 * strip tokens without pulling in signing.
 *
 * @param token the compact JWS, or null when the URI carries none
 * @param uri the URI without the package (the request URI itself when there was none)
 */
public record UriSigningPackage(String token, String uri) {
  /**
   * The attribute name RFC 9246 gives the package (Traffic Server's uri_signing plugin uses it
   * too).
   */
  public static final String ATTRIBUTE = "URISigningPackage";

  private static final String ASSIGNMENT = ATTRIBUTE + "=";

  /** The first package in {@code uri} (RFC 9246: the first matching parameter is taken). */
  public static UriSigningPackage find(String uri) {
    int at = attributeIndex(uri);
    if (at < 0) return new UriSigningPackage(null, uri);
    int start = at + ASSIGNMENT.length();
    int end = start;
    while (end < uri.length() && jwsChar(uri.charAt(end))) end++;
    String token = uri.substring(start, end);
    if (end < uri.length() && subDelimiter(uri.charAt(end))) {
      return new UriSigningPackage(token, uri.substring(0, at) + uri.substring(end + 1));
    }
    return new UriSigningPackage(token, uri.substring(0, at - 1) + uri.substring(end));
  }

  /** {@code uri} without its package; unchanged when it has none. */
  public static String strip(String uri) {
    return uri == null || uri.indexOf(ASSIGNMENT) < 0 ? uri : find(uri).uri();
  }

  public boolean present() {
    return token != null;
  }

  /** Where the attribute starts a parameter (after {@code ; ? & /}), or -1. */
  private static int attributeIndex(String uri) {
    int at = uri.indexOf(ASSIGNMENT);
    while (at >= 0 && !(at > 0 && parameterStart(uri.charAt(at - 1))))
      at = uri.indexOf(ASSIGNMENT, at + 1);
    return at;
  }

  private static boolean parameterStart(char c) {
    return c == ';' || c == '?' || c == '&' || c == '/';
  }

  /** The characters of a compact JWS: base64url and the two dots. */
  private static boolean jwsChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.';
  }

  /** RFC 3986 §2.2 sub-delims. */
  private static boolean subDelimiter(char c) {
    return "!$&'()*+,;=".indexOf(c) >= 0;
  }
}
