package org.telcocdn.urisigning;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs viewer tokens with the broker's active key: claims {@code iss}, {@code iat}, {@code exp},
 * {@code cdniv} 1 and a {@code cdniuc} covering one title ({@link UriContainer#forTitle}) or the
 * URIs a caller names (a signed delivery service's path prefix); header {@code alg} ES256, {@code
 * kid}, {@code typ} JWT. No client address is bound ({@code cdniip}): mobile viewers behind
 * carrier-grade NAT change addresses between cells. Thread-safe; the key set is swapped whole when
 * its file changes.
 */
public final class ViewerTokenSigner {
  /** The {@code iss} claim: informative, the edges trust a token by its {@code kid} alone. */
  public static final String ISSUER = "vid-cache-broker";

  private volatile SigningKeys keys;

  public ViewerTokenSigner(SigningKeys keys) {
    this.keys = keys;
  }

  public void keys(SigningKeys keys) {
    this.keys = keys;
  }

  /** The kid {@link #sign} uses at {@code now}. */
  public String currentKid(Instant now) {
    return keys.current(now).getKeyID();
  }

  /** A compact JWS for every object of {@code videoId}, valid from {@code now} for {@code ttl}. */
  public String sign(String videoId, Instant now, Duration ttl) {
    return signCovering(UriContainer.forTitle(videoId), now, ttl);
  }

  /**
   * A compact JWS for the URIs {@code uriContainer} names (a {@code cdniuc} value, e.g. {@link
   * UriContainer#forPathPrefix}), valid from {@code now} for {@code ttl}.
   */
  public String signCovering(String uriContainer, Instant now, Duration ttl) {
    UriContainer.parse(uriContainer); // a claim no edge could read is never signed
    SigningKeys set = keys;
    ECKey key = set.current(now);
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(key.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .claim("cdniv", 1)
            .claim("cdniuc", uriContainer)
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(set.signer(key.getKeyID()));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing with key " + key.getKeyID() + " failed", e);
    }
    return jwt.serialize();
  }
}
