package org.telcocdn.cache.prefetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.common.video.LiveChannelId;
import org.telcocdn.common.video.VideoId;

/**
 * Where a CMCD {@code nor} hint points: an object of the request's own title, or the reason it
 * points nowhere this edge prefetches.
 *
 * <p>CTA-5004 defines {@code nor} as a String holding the path of the next object relative to the
 * current request, URL-encoded (so {@code "../720p/seg_00004.m4s"} travels as {@code
 * "..%2F720p%2Fseg_00004.m4s"}). The value is percent-decoded once and resolved against the
 * request's path as RFC 3986 (section 5.2) resolves a relative reference: a path-absolute hint
 * ({@code /videos/...}, which dash.js sent before 2021) replaces the path, any other is merged with
 * the request's directory, dot segments removed. What it resolves to must stay under {@code
 * /videos/{the request's title}/}: a sibling rendition is fine, {@code ../../other-title/...} is
 * refused, as is anything with a scheme or authority.
 *
 * @param key the object to prefetch, or null
 * @param refusal why not, or null
 */
record NorTarget(CacheKey key, PrefetchOutcome refusal) {
  /** Longer hints are refused: an object path here is well under 200 characters. */
  static final int MAX_LENGTH = 1024;

  private static final String VIDEOS = "/videos/";

  static NorTarget resolve(String requestUri, String nor) {
    if (nor == null || nor.isEmpty() || nor.length() > MAX_LENGTH)
      return refused(PrefetchOutcome.MALFORMED);
    String reference = decode(nor);
    if (reference == null || reference.isEmpty()) return refused(PrefetchOutcome.MALFORMED);
    if (reference.startsWith("//") || hasScheme(reference))
      return refused(PrefetchOutcome.OTHER_HOST);
    reference = beforeQuery(reference);
    String base = beforeQuery(requestUri);
    String merged =
        reference.startsWith("/")
            ? reference
            : base.substring(0, base.lastIndexOf('/') + 1) + reference;
    List<String> segments = withoutDots(merged);
    String title = title(segmentsOf(base));
    if (segments.size() < 3 || !segments.getFirst().equals("videos") || title == null)
      return refused(PrefetchOutcome.OUTSIDE_TITLE);
    String id = withoutParameters(segments.get(1));
    if (!id.equals(title)) return refused(PrefetchOutcome.OUTSIDE_TITLE);
    if (LiveChannelId.isLive(id)) return refused(PrefetchOutcome.LIVE);
    List<String> rest = segments.subList(2, segments.size());
    if (rest.stream().anyMatch(String::isEmpty)) return refused(PrefetchOutcome.MALFORMED);
    return new NorTarget(new CacheKey(id, String.join("/", rest)), null);
  }

  private static NorTarget refused(PrefetchOutcome why) {
    return new NorTarget(null, why);
  }

  /** The title of a request path's segments ({@code videos, id[;params], ...}), or null. */
  private static String title(List<String> segments) {
    if (segments.size() < 3 || !segments.getFirst().equals("videos")) return null;
    String id = withoutParameters(segments.get(1));
    return VideoId.isValid(id) ? id : null;
  }

  /** A signed URL's id segment carries {@code ;URISigningPackage=...} (RFC 9246): not the id. */
  private static String withoutParameters(String segment) {
    int semicolon = segment.indexOf(';');
    return semicolon < 0 ? segment : segment.substring(0, semicolon);
  }

  private static List<String> segmentsOf(String path) {
    if (!path.startsWith(VIDEOS)) return List.of();
    return List.of(path.substring(1).split("/", -1));
  }

  /**
   * RFC 3986 section 5.2.4, on whole segments: {@code .} dropped, {@code ..} drops the one before.
   */
  private static List<String> withoutDots(String path) {
    List<String> out = new ArrayList<>();
    String[] parts = path.split("/", -1);
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (p.equals(".")) continue;
      if (p.equals("..")) {
        if (!out.isEmpty()) out.removeLast();
        continue;
      }
      out.add(p);
    }
    return out;
  }

  private static String beforeQuery(String s) {
    int cut = s.length();
    int q = s.indexOf('?');
    if (q >= 0) cut = q;
    int f = s.indexOf('#');
    if (f >= 0 && f < cut) cut = f;
    return s.substring(0, cut);
  }

  /** RFC 3986 {@code scheme ":"}: a letter, then letters, digits, + - . up to the colon. */
  private static boolean hasScheme(String s) {
    int colon = s.indexOf(':');
    if (colon <= 0) return false;
    for (int i = 0; i < colon; i++) {
      char c = s.charAt(i);
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      if (!(letter || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')))
        return false;
    }
    return true;
  }

  /** Percent-decoded as UTF-8 ({@code +} stays a plus: this is a path), or null when invalid. */
  static String decode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) return null;
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) return null;
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x20 || c >= 0x7f) {
        return null; // a URL-encoded value is ASCII; a control character is never a path
      } else {
        bytes.write(c);
      }
    }
    try {
      String decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
      return decoded.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f || ch == '\\') ? null : decoded;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
