package org.telcocdn.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

/**
 * Checks an operator's bearer token against the public keys services are given ({@code
 * security.operator-keys}): the algorithm must be ES256 (never {@code none}, never an HMAC keyed
 * with a public key), the {@code kid} must name a key of the set, the signature must verify, {@code
 * exp} must be in the future (with {@link #LEEWAY} for clock skew), and {@code role} must be a
 * known role. Several keys may be in the set at once, so a signing key is rotated by adding the new
 * public key, minting with the new key, and removing the old one once its tokens have expired.
 */
public final class TokenVerifier {
  /** Clocks of the hosts differ a little; a token is accepted this long past its expiry. */
  public static final Duration LEEWAY = Duration.ofSeconds(30);

  private static final int MAX_TOKEN_CHARS = 4096;

  private final Supplier<JWKSet> keys;
  private final Clock clock;

  public TokenVerifier(Supplier<JWKSet> keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  public Operator verify(String token) throws TokenRejected {
    if (token.length() > MAX_TOKEN_CHARS)
      throw new TokenRejected("token is longer than " + MAX_TOKEN_CHARS + " characters");
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new TokenRejected("token is not a signed JWT");
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
      throw new TokenRejected(
          "token algorithm must be ES256, was " + jwt.getHeader().getAlgorithm());
    }
    String kid = jwt.getHeader().getKeyID();
    JWK key = kid == null ? null : keys.get().getKeyByKeyId(kid);
    if (!(key instanceof ECKey ec))
      throw new TokenRejected("token key id '" + kid + "' is not a known operator key");
    if (!verifies(jwt, ec)) throw new TokenRejected("token signature does not verify");
    return operator(claims, kid);
  }

  private Operator operator(JWTClaimsSet claims, String kid) throws TokenRejected {
    Date expires = claims.getExpirationTime();
    Instant now = clock.instant();
    if (expires == null) throw new TokenRejected("token has no expiry");
    if (expires.toInstant().plus(LEEWAY).isBefore(now))
      throw new TokenRejected("token expired at " + expires.toInstant());
    if (claims.getSubject() == null || claims.getSubject().isBlank())
      throw new TokenRejected("token has no subject");
    OperatorRole role;
    try {
      role =
          OperatorRole.parse(
              claims.getClaim(TokenSigner.ROLE_CLAIM) instanceof String s ? s : null);
    } catch (IllegalArgumentException e) {
      throw new TokenRejected("token role is unknown: " + e.getMessage());
    }
    return new Operator(claims.getSubject(), role, claims.getJWTID(), kid, expires.toInstant());
  }

  private static boolean verifies(SignedJWT jwt, ECKey key) {
    try {
      return jwt.verify(new ECDSAVerifier(key));
    } catch (JOSEException e) {
      return false;
    }
  }
}
