package org.telcocdn.cache.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which header fields cross the edge, are stored, and are replaced by a 304.
 *
 * <p>Hop-by-hop fields (RFC 9110 §7.6.1) belong to one connection: they are neither forwarded nor
 * stored, nor are the fields a {@code Connection} header names. A 304 that revalidates a stored
 * response replaces the stored fields it carries (RFC 9111 §3.2), except those that describe the
 * stored bytes themselves ({@link #DESCRIBE_BODY}): the body is the stored one, so its length,
 * coding, checksum, range and entity tag must stay those it was stored with.
 */
public final class HeaderRules {
  static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "transfer-encoding",
          "upgrade",
          "proxy-authenticate",
          "proxy-authentication-info",
          "proxy-authorization",
          "trailer");

  /** Fields the edge writes itself on every response it sends. */
  static final Set<String> OWN = Set.of("content-length", "age", "x-cache", "x-served-by");

  static final Set<String> DESCRIBE_BODY =
      Set.of("content-length", "content-encoding", "content-md5", "content-range", "etag");

  private HeaderRules() {}

  /**
   * The lines of {@code headers} a cache may keep: hop-by-hop and {@code Connection}-named fields
   * dropped, and {@code dropped} (e.g. a qualified {@code private}'s field names); names in lower
   * case are compared, the origin's spelling kept.
   */
  public static List<List<String>> endToEnd(HttpHeaders headers, Set<String> dropped) {
    Set<String> skip = connectionNamed(headers);
    List<List<String>> lines = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> e : headers) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (HOP_BY_HOP.contains(name) || skip.contains(name) || dropped.contains(name)) continue;
      lines.add(List.of(e.getKey(), e.getValue()));
    }
    return lines;
  }

  /** The field names listed in {@code Connection}, lower case. */
  static Set<String> connectionNamed(HttpHeaders headers) {
    Set<String> names = new HashSet<>();
    for (String value : headers.getAll("Connection")) {
      for (String name : value.split(",")) {
        if (!name.isBlank()) names.add(name.strip().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /**
   * A stored response's lines updated by a 304's (RFC 9111 §3.2): every field the 304 carries
   * replaces the stored field of that name, but for {@link #DESCRIBE_BODY}.
   */
  public static List<List<String>> updated(List<List<String>> stored, HttpHeaders notModified) {
    List<List<String>> fresh = endToEnd(notModified, DESCRIBE_BODY);
    Set<String> replaced = new HashSet<>();
    fresh.forEach(line -> replaced.add(line.get(0).toLowerCase(Locale.ROOT)));
    List<List<String>> merged = new ArrayList<>(stored.size() + fresh.size());
    for (List<String> line : stored) {
      if (!replaced.contains(line.get(0).toLowerCase(Locale.ROOT))) merged.add(line);
    }
    merged.addAll(fresh);
    return merged;
  }

  /**
   * Lines sent to a viewer from a stored response: the edge's own fields and hidden ones left out.
   */
  public static void copyTo(List<List<String>> lines, List<String> hidden, HttpHeaders target) {
    for (List<String> line : lines) {
      String name = line.get(0).toLowerCase(Locale.ROOT);
      if (OWN.contains(name) || hidden.contains(name)) continue;
      target.add(line.get(0), line.get(1));
    }
  }
}
