package org.telcocdn.cache.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.telcocdn.cache.storage.HttpMeta;

/**
 * The requests the edge sends to an HTTP origin for a viewer's request: a fill ({@code GET}, the
 * viewer's own conditions and range replaced by the edge's) or a pass-through (the viewer's method
 * and body as they came). End-to-end fields are forwarded; hop-by-hop ones are not (RFC 9110
 * §7.6.1); {@code Host} names the origin; the edge adds itself to {@code Via} (RFC 9110 §7.6.3,
 * which also lets it see a request that loops back to it), the viewer's address to {@code
 * X-Forwarded-For}, and announces itself in {@code Surrogate-Capability} (Edge Architecture 1.0) so
 * an origin can target {@code Surrogate-Control} at it.
 */
public final class OriginRequests {
  /** The viewer's conditions are about the viewer's copy, not the cache's: a fill asks its own. */
  private static final Set<String> FILL_DROPS =
      Set.of(
          "range",
          "if-range",
          "if-none-match",
          "if-modified-since",
          "if-match",
          "if-unmodified-since");

  private static final Set<String> ALWAYS_DROPS = Set.of("host", "content-length", "expect");

  private OriginRequests() {}

  /** What a viewer's request carries that the origin requests are made from. */
  public record Viewer(HttpRequest head, String address) {}

  /**
   * A fill: {@code GET} of the viewer's target; {@code range} (e.g. {@code bytes=0-1048575}) or
   * null; {@code validators} the stored response to revalidate (its ETag and Last-Modified), or
   * null.
   */
  public static FullHttpRequest fill(
      DeliveryService service, Viewer viewer, String self, String range, HttpMeta validators) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target(service, viewer));
    forward(viewer, request.headers(), true);
    common(service, viewer, self, request.headers());
    if (range != null) request.headers().set("Range", range);
    if (validators != null) {
      String etag = validators.first("ETag");
      String modified = validators.first("Last-Modified");
      if (etag != null) request.headers().set("If-None-Match", etag);
      if (modified != null) request.headers().set("If-Modified-Since", modified);
    }
    return request;
  }

  /** A pass-through: the viewer's method, target, fields and body. */
  public static FullHttpRequest pass(
      DeliveryService service, Viewer viewer, String self, byte[] body) {
    ByteBuf content = body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, viewer.head().method(), target(service, viewer), content);
    forward(viewer, request.headers(), false);
    common(service, viewer, self, request.headers());
    if (body.length > 0 || !bodiless(viewer.head().method()))
      request.headers().setInt("Content-Length", body.length);
    return request;
  }

  private static boolean bodiless(HttpMethod method) {
    return method.equals(HttpMethod.GET)
        || method.equals(HttpMethod.HEAD)
        || method.equals(HttpMethod.DELETE)
        || method.equals(HttpMethod.OPTIONS);
  }

  private static String target(DeliveryService service, Viewer viewer) {
    return service.originAddress().basePath() + viewer.head().uri();
  }

  private static void forward(Viewer viewer, HttpHeaders to, boolean fill) {
    HttpHeaders from = viewer.head().headers();
    Set<String> named = HeaderRules.connectionNamed(from);
    for (Map.Entry<String, String> e : from) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (HeaderRules.HOP_BY_HOP.contains(name)
          || named.contains(name)
          || ALWAYS_DROPS.contains(name)) continue;
      if (fill && FILL_DROPS.contains(name)) continue;
      to.add(e.getKey(), e.getValue());
    }
  }

  private static void common(DeliveryService service, Viewer viewer, String self, HttpHeaders h) {
    h.set("Host", service.originAddress().hostHeader());
    h.set("Via", append(h.get("Via"), "1.1 " + self));
    if (viewer.address() != null)
      h.set("X-Forwarded-For", append(h.get("X-Forwarded-For"), viewer.address()));
    h.set(
        "Surrogate-Capability", append(h.get("Surrogate-Capability"), self + "=\"Surrogate/1.0\""));
  }

  static String append(String list, String member) {
    return list == null || list.isBlank() ? member : list + ", " + member;
  }

  /**
   * Whether a request's {@code Via} shows it has passed through the edge named {@code self}
   * already.
   */
  public static boolean looped(HttpHeaders request, String self) {
    for (String via : request.getAll("Via")) {
      for (String hop : via.split(",")) {
        String[] parts = hop.strip().split("\\s+");
        if (parts.length >= 2 && parts[1].equals(self)) return true;
      }
    }
    return false;
  }
}
