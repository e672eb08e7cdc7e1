package org.telcocdn.urisigning;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks a viewer token on an edge's hit path. An ES256 verification costs tens of microseconds, a
 * segment hit a few, and one viewer sends hundreds of requests with the same token: so a token's
 * outcome is cached, keyed by the token string, and a request pays one cache lookup, two
 * comparisons with the clock and one match of its URI against the token's container (the URI
 * differs per request, so that match is never cached). A verified token's entry lives until the
 * token's {@code exp}; a refused one for {@link #REFUSED_FOR}, so a replayed bad token is not
 * verified again and again. The cache is bounded ({@code security.url-signing.cache-size}); an
 * evicted token is only verified once more.
 *
 * <p>When the key set changes ({@link #keys}), entries of keys no longer in it and every refusal
 * are dropped: a retired key's tokens fail at once, and a token of a key that just arrived is not
 * held refused.
 */
public final class ViewerTokenVerifier {
  /** How long a refusal is remembered. */
  static final Duration REFUSED_FOR = Duration.ofSeconds(30);

  /**
   * The claims this edge enforces or may ignore; a {@code cdnicrit} naming any other refuses the
   * token.
   */
  private static final Set<String> UNDERSTOOD =
      Set.of("iss", "sub", "iat", "exp", "nbf", "jti", "cdniv", "cdniuc", "cdnicrit");

  /** A token's cached outcome; {@code kid} null when refused before its key was known. */
  private record Outcome(
      TokenVerdict verdict, String kid, long expMillis, long nbfMillis, UriContainer container) {
    static Outcome refused(TokenVerdict verdict, String kid) {
      return new Outcome(verdict, kid, 0, 0, null);
    }
  }

  private final Clock clock;
  private final Cache<String, Outcome> outcomes;
  private volatile VerificationKeys keys;

  public ViewerTokenVerifier(VerificationKeys keys, long cacheSize, Clock clock) {
    this.keys = keys;
    this.clock = clock;
    this.outcomes =
        Caffeine.newBuilder().maximumSize(cacheSize).expireAfter(new UntilExpiry(clock)).build();
  }

  /**
   * The verdict on {@code token} (null when the request carried none) for a request of {@code uri},
   * which is {@code scheme://host/path?query} without the token.
   */
  public TokenVerdict check(String token, String uri) {
    if (token == null) return TokenVerdict.MISSING;
    Outcome outcome = outcomes.get(token, this::verify);
    if (!outcome.verdict().valid()) return outcome.verdict();
    long now = clock.millis();
    if (now >= outcome.expMillis()) return TokenVerdict.EXPIRED;
    if (now < outcome.nbfMillis()) return TokenVerdict.NOT_YET_VALID;
    return outcome.container().matches(uri) ? TokenVerdict.VALID : TokenVerdict.OUTSIDE_SCOPE;
  }

  /**
   * The URI compared with a token's container: {@code scheme://host} and the request's path and
   * query (without the token). A Host header holding anything but host-and-port characters is
   * replaced: with a {@code /} in it, a client could otherwise put a title's prefix in front of
   * another title's path ({@code Host: x/videos/{id}}).
   */
  public static String requestUri(boolean tls, String host, String pathAndQuery) {
    String authority = host != null && plainHost(host) ? host : "invalid-host";
    return (tls ? "https://" : "http://") + authority + pathAndQuery;
  }

  private static boolean plainHost(String host) {
    if (host.isEmpty()) return false;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == ':'
              || c == '['
              || c == ']';
      if (!ok) return false;
    }
    return true;
  }

  /** A new key set: tokens of keys it no longer has, and every refusal, are forgotten. */
  public void keys(VerificationKeys keys) {
    this.keys = keys;
    outcomes.asMap().values().removeIf(o -> !o.verdict().valid() || !keys.has(o.kid()));
  }

  public long cachedTokens() {
    outcomes.cleanUp();
    return outcomes.estimatedSize();
  }

  private Outcome verify(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      return Outcome.refused(TokenVerdict.MALFORMED, null);
    }
    String kid = jwt.getHeader().getKeyID();
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()))
      return Outcome.refused(TokenVerdict.MALFORMED, kid);
    ECDSAVerifier verifier = keys.verifier(kid);
    if (verifier == null) return Outcome.refused(TokenVerdict.UNKNOWN_KEY, kid);
    try {
      if (!jwt.verify(verifier)) return Outcome.refused(TokenVerdict.BAD_SIGNATURE, kid);
      return claims(jwt.getJWTClaimsSet(), kid);
    } catch (JOSEException e) {
      return Outcome.refused(TokenVerdict.BAD_SIGNATURE, kid);
    } catch (ParseException | IllegalArgumentException e) {
      return Outcome.refused(TokenVerdict.MALFORMED, kid);
    }
  }

  /** The claims of a token whose signature verified. */
  private static Outcome claims(JWTClaimsSet claims, String kid) throws ParseException {
    Date exp = claims.getExpirationTime();
    Object container = claims.getClaim("cdniuc");
    if (exp == null || !(container instanceof String uc))
      return Outcome.refused(TokenVerdict.MALFORMED, kid);
    if (!supported(claims)) return Outcome.refused(TokenVerdict.UNSUPPORTED_CLAIM, kid);
    Date nbf = claims.getNotBeforeTime();
    return new Outcome(
        TokenVerdict.VALID,
        kid,
        exp.getTime(),
        nbf == null ? 0 : nbf.getTime(),
        UriContainer.parse(uc));
  }

  /**
   * RFC 9246: {@code cdniv} must be 1 when present; {@code cdniip} and {@code aud} restrict who may
   * use the token, and an edge that does not enforce a restriction must refuse rather than ignore
   * it; {@code cdnicrit} lists claims that must be understood.
   */
  private static boolean supported(JWTClaimsSet claims) throws ParseException {
    Object version = claims.getClaim("cdniv");
    if (version != null && !(version instanceof Number n && n.intValue() == 1)) return false;
    if (claims.getClaim("cdniip") != null || claims.getClaim("aud") != null) return false;
    Object critical = claims.getClaim("cdnicrit");
    if (critical == null) return true;
    List<String> names =
        critical instanceof String one
            ? List.of(one.split(","))
            : claims.getStringListClaim("cdnicrit");
    return names != null && names.stream().map(String::strip).allMatch(UNDERSTOOD::contains);
  }

  /** A valid token's entry lives until its {@code exp}; a refusal for {@link #REFUSED_FOR}. */
  private record UntilExpiry(Clock clock) implements Expiry<String, Outcome> {
    @Override
    public long expireAfterCreate(String token, Outcome outcome, long currentTime) {
      if (!outcome.verdict().valid()) return REFUSED_FOR.toNanos();
      return TimeUnit.MILLISECONDS.toNanos(
          Math.max(0, outcome.expMillis() - clock.millis())); // saturates
    }

    @Override
    public long expireAfterUpdate(
        String token, Outcome outcome, long currentTime, long currentDuration) {
      return currentDuration;
    }

    @Override
    public long expireAfterRead(
        String token, Outcome outcome, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
