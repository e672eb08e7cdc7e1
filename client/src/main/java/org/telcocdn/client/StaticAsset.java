package org.telcocdn.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;

/**
 * One file of the site, read from the classpath once at start-up. The strong ETag lets a browser
 * revalidate pages that are {@code no-cache} with a cheap 304 instead of a full download.
 */
record StaticAsset(
    String urlPath, String contentType, String cacheControl, byte[] bytes, String etag) {

  /** The asset at {@code urlPath}, typed by the name of the {@code resource} it was read from. */
  static StaticAsset of(String urlPath, String resource, CachePolicy policy, byte[] bytes) {
    return new StaticAsset(
        urlPath, MediaTypes.forPath(resource), policy.header(), bytes, etagOf(bytes));
  }

  Response serve(Request request) {
    boolean fresh = request.header("If-None-Match").map(this::matches).orElse(false);
    Response response =
        fresh ? Response.bytes(304, null, new byte[0]) : Response.bytes(200, contentType, bytes);
    return response
        .header("Cache-Control", cacheControl)
        .header("ETag", etag)
        .header("X-Content-Type-Options", "nosniff");
  }

  private boolean matches(String ifNoneMatch) {
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) return true;
    }
    return false;
  }

  private static String etagOf(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return urlPath + " (" + contentType + ", " + bytes.length + " bytes)";
  }

  /** How long a browser may keep an asset without asking again. */
  enum CachePolicy {
    /**
     * Our own pages, scripts and styles change with every deploy and have no fingerprint in their
     * name.
     */
    REVALIDATE("no-cache"),
    /** The vendored hls.js only changes with the pinned webjar version. */
    VENDOR("public, max-age=86400");

    private final String header;

    CachePolicy(String header) {
      this.header = header;
    }

    String header() {
      return header;
    }
  }
}
