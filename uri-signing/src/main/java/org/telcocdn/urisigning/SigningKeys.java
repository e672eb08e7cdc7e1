package org.telcocdn.urisigning;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The broker's private key set (a JWK set of P-256 keys, each with {@code kid}, {@code iat} and
 * {@code nbf}). The key that signs is the one with the latest {@code nbf} that has passed: {@code
 * cdn keys rotate} adds a key whose {@code nbf} lies a little ahead, so the edges have reloaded its
 * public half before the first token signed with it reaches them; the older keys stay in the set
 * (and on the edges) until {@code cdn keys retire} removes them.
 */
public final class SigningKeys {
  private final List<ECKey> keys;
  private final Map<String, ECDSASigner> signers;

  private SigningKeys(List<ECKey> keys) {
    if (keys.isEmpty())
      throw new IllegalArgumentException("the signing key set holds no P-256 private key");
    // a stable sort: keys active from the same instant keep the file's order, newest first
    this.keys =
        keys.stream().sorted(Comparator.comparing(SigningKeys::activeFrom).reversed()).toList();
    this.signers =
        this.keys.stream()
            .collect(Collectors.toUnmodifiableMap(ECKey::getKeyID, SigningKeys::signer));
  }

  /**
   * @throws IllegalArgumentException when the text is not a JWK set of P-256 private keys with ids
   */
  public static SigningKeys parse(String json) {
    try {
      return of(JWKSet.parse(json));
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWK set: " + e.getMessage(), e);
    }
  }

  public static SigningKeys of(JWKSet set) {
    for (JWK jwk : set.getKeys()) {
      if (!(jwk instanceof ECKey ec)
          || !Curve.P_256.equals(ec.getCurve())
          || !ec.isPrivate()
          || jwk.getKeyID() == null) {
        throw new IllegalArgumentException(
            "key " + jwk.getKeyID() + " is not a P-256 private key with a kid");
      }
    }
    return new SigningKeys(set.getKeys().stream().map(ECKey.class::cast).toList());
  }

  /** The key that signs at {@code now}: the latest active one, else (all ahead) the earliest. */
  public ECKey current(Instant now) {
    for (ECKey key : keys) {
      if (!activeFrom(key).isAfter(now)) return key;
    }
    return keys.getLast();
  }

  ECDSASigner signer(String kid) {
    return signers.get(kid);
  }

  /** Newest first. */
  public List<ECKey> keys() {
    return keys;
  }

  /** What the edges get: the same keys without their private parts. */
  public JWKSet publicSet() {
    return new JWKSet(keys.stream().map(k -> (JWK) k.toPublicJWK()).toList());
  }

  static Instant activeFrom(ECKey key) {
    Date nbf = key.getNotBeforeTime() != null ? key.getNotBeforeTime() : key.getIssueTime();
    return nbf == null ? Instant.EPOCH : nbf.toInstant();
  }

  private static ECDSASigner signer(ECKey key) {
    try {
      return new ECDSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException(
          "key " + key.getKeyID() + " cannot sign " + JWSAlgorithm.ES256 + ": " + e.getMessage(),
          e);
    }
  }
}
