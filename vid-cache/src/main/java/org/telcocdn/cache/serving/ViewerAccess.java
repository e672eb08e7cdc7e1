package org.telcocdn.cache.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.common.http.UriSigningPackage;
import org.telcocdn.urisigning.TokenVerdict;
import org.telcocdn.urisigning.ViewerTokenVerifier;

/**
 * Whether an object request (or a request of a signed delivery service) may be served: its signed
 * URL's token (RFC 9246) verified, unexpired and covering the URI. Refused requests get 403 {@code
 * {"error":"forbidden","message":...}} naming the reason, before any cache lookup, and count in
 * {@code edge_url_signing_checks_total{verdict}}. With no key set every request passes, as before
 * signing existed. The token was already taken out of the path ({@link UriSigningPackage}), so what
 * is looked up and cached never depends on it.
 */
public final class ViewerAccess {
  private static final Logger log = LoggerFactory.getLogger(ViewerAccess.class);

  /** Null when signing is off. */
  private final ViewerTokenVerifier verifier;

  private final Map<TokenVerdict, Counter> checks = new EnumMap<>(TokenVerdict.class);

  private ViewerAccess(ViewerTokenVerifier verifier, MeterRegistry registry) {
    this.verifier = verifier;
    if (verifier != null) {
      for (TokenVerdict v : TokenVerdict.values()) {
        checks.put(
            v,
            Counter.builder("edge_url_signing_checks_total")
                .description("signed-URL checks of object requests")
                .tag("verdict", v.name())
                .register(registry));
      }
    }
  }

  public static ViewerAccess open() {
    return new ViewerAccess(null, null);
  }

  public static ViewerAccess verifying(ViewerTokenVerifier verifier, MeterRegistry registry) {
    return new ViewerAccess(verifier, registry);
  }

  /** True to serve; false when a 403 has been sent. */
  boolean admit(Exchange exchange, UriSigningPackage signed) {
    return verifier == null || verify(exchange, signed);
  }

  /**
   * A request of a signed delivery service: as {@link #admit}, but refused when this edge has no
   * keys (EdgeConfig does not let such an edge start; this keeps the service closed regardless).
   */
  boolean admitSigned(Exchange exchange, UriSigningPackage signed, String service) {
    if (verifier != null) return verify(exchange, signed);
    exchange.error(
        403,
        "forbidden",
        "delivery service " + service + " is signed and this edge has no keys to check it",
        CacheOutcome.REJECTED);
    return false;
  }

  private boolean verify(Exchange exchange, UriSigningPackage signed) {
    String uri =
        ViewerTokenVerifier.requestUri(
            exchange.tls(), exchange.request().headers().get(HttpHeaderNames.HOST), signed.uri());
    TokenVerdict verdict = verifier.check(signed.token(), uri);
    checks.get(verdict).increment();
    if (verdict.valid()) return true;
    log.atDebug()
        .addKeyValue("event", "signed_url_refused")
        .addKeyValue("verdict", verdict.name())
        .log("refused {}: {}", signed.uri(), verdict);
    exchange.error(403, "forbidden", verdict.reason(), CacheOutcome.REJECTED);
    return false;
  }
}
