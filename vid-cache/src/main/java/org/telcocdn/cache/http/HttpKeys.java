package org.telcocdn.cache.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import org.telcocdn.cache.storage.CacheKey;

/**
 * Cache keys of HTTP origins' objects. The disk tier files an object under its key's "video id"
 * directory; for a delivery service that is {@code ~name} (never a valid video id, so these objects
 * stay out of the cache index and of replication), and the key's path is the request's URL by the
 * service's rules. Variants ({@code Vary}) and slices (blocks of large objects) are further keys
 * under the same URL:
 *
 * <pre>
 * /movie.mp4                 the object, whole
 * /movie.mp4#v=fr            its variant for Accept-Language: fr (the selecting values, one a line)
 * /movie.mp4#s=3             its fourth slice: bytes 3 MiB to 4 MiB - 1
 * </pre>
 *
 * {@code #} never occurs in a request target (a fragment is not sent), so no URL can spell
 * another's key.
 */
public final class HttpKeys {
  public static final String PREFIX = "~";

  /** How an absent field is written among selecting values: unlike any empty or present value. */
  private static final String ABSENT = "\u0001";

  private HttpKeys() {}

  public static CacheKey of(DeliveryService service, String path) {
    return new CacheKey(PREFIX + service.name(), path);
  }

  public static boolean isHttp(CacheKey key) {
    return key.videoId().startsWith(PREFIX);
  }

  public static String variant(String url, List<String> selecting) {
    if (selecting == null) return url;
    return url
        + "#v="
        + String.join("\n", selecting.stream().map(v -> v == null ? ABSENT : v).toList());
  }

  public static String slice(String variant, long index) {
    return variant + "#s=" + index;
  }

  /**
   * The URL part of a key path: what an invalidation of that URL removes with all its variants and
   * slices.
   */
  public static String url(String path) {
    int hash = path.indexOf('#');
    return hash < 0 ? path : path.substring(0, hash);
  }

  /**
   * The request's values of the fields {@code names} (lower case) in order, each normalized as RFC
   * 9111 §4.1 allows: the field lines combined, list members trimmed and joined by one comma; null
   * for an absent field.
   */
  public static List<String> selecting(List<String> names, HttpHeaders request) {
    List<String> values = new ArrayList<>(names.size());
    for (String name : names) {
      List<String> lines = request.getAll(name);
      if (lines.isEmpty()) {
        values.add(null);
        continue;
      }
      List<String> members = new ArrayList<>();
      for (String line : lines) {
        for (String member : Directives.split(line)) members.add(member.strip());
      }
      values.add(String.join(",", members));
    }
    return values;
  }
}
