package org.telcocdn.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints operator bearer tokens: compact JWS, ES256, header {@code kid}, claims {@code sub}, {@code
 * role}, {@code iat}, {@code exp}, {@code jti}. Only the machine that runs {@code cdn up} holds the
 * private key ({@code operator-signing.jwk}, 0600); services hold the public keys.
 */
public final class TokenSigner {
  public static final String ROLE_CLAIM = "role";

  private final ECKey key;

  private TokenSigner(ECKey key) {
    this.key = key;
  }

  /** A new signing key with a random key id. */
  public static TokenSigner generate() {
    try {
      return new TokenSigner(
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyID(UUID.randomUUID().toString().substring(0, 8))
              .generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an ES256 key", e);
    }
  }

  /** The private JWK written by {@link #write}. */
  public static TokenSigner read(Path file) {
    try {
      return new TokenSigner(ECKey.parse(SecretFiles.read(file)));
    } catch (ParseException e) {
      throw new IllegalArgumentException(file + " is not an EC private JWK: " + e.getMessage(), e);
    }
  }

  /** The private JWK, mode 0600. */
  public void write(Path file) {
    SecretFiles.writeSecret(file, key.toJSONString());
  }

  public String keyId() {
    return key.getKeyID();
  }

  /** The public half, for the JWK set services verify with. */
  public ECKey publicKey() {
    return key.toPublicJWK();
  }

  /** A JWK set of this key's public half alone. */
  public JWKSet publicSet() {
    return new JWKSet(publicKey());
  }

  public String mint(String subject, OperatorRole role, Duration ttl, Instant now) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .claim(ROLE_CLAIM, role.wire())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }
}
