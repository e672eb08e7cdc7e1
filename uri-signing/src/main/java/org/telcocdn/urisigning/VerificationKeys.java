package org.telcocdn.urisigning;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An edge's public key set: one ES256 verifier per {@code kid}. Only public halves are accepted, so
 * an edge (and whoever steals its disk) can check tokens but never mint one.
 */
public final class VerificationKeys {
  private final Map<String, ECDSAVerifier> verifiers;

  private VerificationKeys(Map<String, ECDSAVerifier> verifiers) {
    this.verifiers = Map.copyOf(verifiers);
  }

  /**
   * @throws IllegalArgumentException when the text is not a JWK set of P-256 public keys with ids
   */
  public static VerificationKeys parse(String json) {
    try {
      return of(JWKSet.parse(json));
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWK set: " + e.getMessage(), e);
    }
  }

  public static VerificationKeys of(JWKSet set) {
    Map<String, ECDSAVerifier> verifiers = new HashMap<>();
    for (JWK jwk : set.getKeys()) {
      if (!(jwk instanceof ECKey ec)
          || !Curve.P_256.equals(ec.getCurve())
          || jwk.getKeyID() == null) {
        throw new IllegalArgumentException(
            "key " + jwk.getKeyID() + " is not a P-256 key with a kid");
      }
      if (ec.isPrivate()) {
        throw new IllegalArgumentException(
            "key " + jwk.getKeyID() + " has its private part: an edge gets public keys only");
      }
      verifiers.put(jwk.getKeyID(), verifier(ec));
    }
    if (verifiers.isEmpty()) throw new IllegalArgumentException("the public key set holds no key");
    return new VerificationKeys(verifiers);
  }

  /** Null for a kid not in the set. */
  ECDSAVerifier verifier(String kid) {
    return kid == null ? null : verifiers.get(kid);
  }

  public boolean has(String kid) {
    return verifiers.containsKey(kid);
  }

  public Set<String> kids() {
    return verifiers.keySet();
  }

  private static ECDSAVerifier verifier(ECKey key) {
    try {
      return new ECDSAVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException(
          "key " + key.getKeyID() + " cannot verify ES256: " + e.getMessage(), e);
    }
  }
}
