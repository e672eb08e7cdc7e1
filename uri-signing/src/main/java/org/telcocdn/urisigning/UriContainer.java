package org.telcocdn.urisigning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.telcocdn.common.video.VideoId;

/**
 * The URI Container claim ({@code cdniuc}) of RFC 9246: which URIs a token covers, as {@code
 * regex:EXPRESSION} or {@code hash:BASE64URL(SHA-256(URI))}. The broker writes a regex that covers
 * one title on any edge: {@code regex:^https?://[^/?#@]+/videos/{id}/.*$}, so the same token serves
 * the master playlist, every rendition and segment, the poster and the alternates' copies
 * (failover), and never another title. The URI compared is the request's, with the package removed
 * ({@link org.telcocdn.common.http.UriSigningPackage}).
 *
 * <p>A regex is compiled only after the token's signature has verified: only the broker's keys can
 * put one here, so an expression is trusted not to be pathological.
 */
public sealed interface UriContainer {
  /** Whether {@code uri} ({@code scheme://host/path?query}) is covered. */
  boolean matches(String uri);

  /** The claim value covering every object of {@code videoId}. */
  static String forTitle(String videoId) {
    VideoId.require("video id", videoId); // [a-z0-9-] only: nothing in it means anything to a regex
    return "regex:^https?://[^/?#@]+/videos/" + videoId + "/.*$";
  }

  /**
   * The claim value covering every URL under {@code pathPrefix} on any host, for a signed delivery
   * service (docs/http-origins.md): e.g. {@code /shop/} covers {@code /shop/a.js?v=2}. The prefix
   * is matched literally (regex characters in it are escaped).
   */
  static String forPathPrefix(String pathPrefix) {
    if (!pathPrefix.startsWith("/"))
      throw new IllegalArgumentException("a path prefix starts with /, was " + pathPrefix);
    StringBuilder literal = new StringBuilder();
    for (char c : pathPrefix.toCharArray()) {
      if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) literal.append('\\');
      literal.append(c);
    }
    return "regex:^https?://[^/?#@]+" + literal + ".*$";
  }

  /**
   * @throws IllegalArgumentException for an unknown form or a bad expression
   */
  static UriContainer parse(String value) {
    if (value.startsWith("regex:")) {
      try {
        return new Regex(Pattern.compile(value.substring("regex:".length())));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "cdniuc regex does not compile: " + e.getDescription(), e);
      }
    }
    if (value.startsWith("hash:")) return new Hash(value.substring("hash:".length()));
    throw new IllegalArgumentException("cdniuc must start with regex: or hash:, was " + value);
  }

  /**
   * {@code find}, as PCRE (Traffic Server's plugin) evaluates an expression: the broker's own are
   * anchored at both ends, so for them this is a whole-URI match.
   */
  record Regex(Pattern pattern) implements UriContainer {
    @Override
    public boolean matches(String uri) {
      return pattern.matcher(uri).find();
    }
  }

  /** One exact URI, hashed; for a single object, not a title's many. */
  record Hash(String digest) implements UriContainer {
    @Override
    public boolean matches(String uri) {
      return digest.equals(of(uri));
    }

    static String of(String uri) {
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }
  }
}
