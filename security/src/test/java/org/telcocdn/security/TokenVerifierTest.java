package org.telcocdn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
  private final Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final TokenSigner signer = TokenSigner.generate();
  private final TokenVerifier verifier =
      new TokenVerifier(signer::publicSet, Clock.fixed(now, ZoneOffset.UTC));

  @Test
  void aFreshToken_namesItsOperatorAndRole() throws Exception {
    Operator op =
        verifier.verify(signer.mint("alice", OperatorRole.OPERATOR, Duration.ofHours(1), now));
    assertThat(op.subject()).isEqualTo("alice");
    assertThat(op.role()).isEqualTo(OperatorRole.OPERATOR);
    assertThat(op.keyId()).isEqualTo(signer.keyId());
    assertThat(op.expires()).isEqualTo(now.plus(Duration.ofHours(1)));
  }

  @Test
  void expired_isRejected_pastTheLeeway() throws Exception {
    String token =
        signer.mint(
            "alice", OperatorRole.ADMIN, Duration.ofMinutes(5), now.minus(Duration.ofMinutes(10)));
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(TokenRejected.class)
        .hasMessageContaining("expired");
    String justExpired =
        signer.mint(
            "alice",
            OperatorRole.ADMIN,
            Duration.ofMinutes(5),
            now.minus(Duration.ofMinutes(5)).minusSeconds(10));
    assertThat(verifier.verify(justExpired).subject())
        .as("within %s of expiry", TokenVerifier.LEEWAY)
        .isEqualTo("alice");
  }

  @Test
  void wrongSignature_isRejected() {
    TokenSigner impostor = TokenSigner.generate();
    String forged = impostor.mint("mallory", OperatorRole.ADMIN, Duration.ofHours(1), now);
    // the same kid as ours, signed with another key
    String[] parts = forged.split("\\.");
    String ours = signer.mint("mallory", OperatorRole.ADMIN, Duration.ofHours(1), now);
    String spliced = ours.split("\\.")[0] + "." + parts[1] + "." + parts[2];
    assertThatThrownBy(() -> verifier.verify(spliced))
        .isInstanceOf(TokenRejected.class)
        .hasMessageContaining("signature");
  }

  @Test
  void unknownKid_isRejected_andSoIsARemovedKey() {
    TokenSigner other = TokenSigner.generate();
    String token = other.mint("bob", OperatorRole.ADMIN, Duration.ofHours(1), now);
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(TokenRejected.class)
        .hasMessageContaining("key id");

    JWKSet both = new JWKSet(List.of(signer.publicKey(), other.publicKey()));
    assertThat(new TokenVerifier(() -> both, Clock.fixed(now, ZoneOffset.UTC)))
        .satisfies(
            v ->
                assertThat(v.verify(token).subject())
                    .as("rotation: two keys at once")
                    .isEqualTo("bob"));
  }

  @Test
  void unknownRole_isRejected() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(signer.keyId())
                .type(JOSEObjectType.JWT)
                .build(),
            new JWTClaimsSet.Builder()
                .subject("eve")
                .claim("role", "root")
                .expirationTime(Date.from(now.plusSeconds(60)))
                .build());
    jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(privateKeyOf(signer)));
    assertThatThrownBy(() -> verifier.verify(jwt.serialize()))
        .isInstanceOf(TokenRejected.class)
        .hasMessageContaining("role");
  }

  @Test
  void unsignedAndHmacTokens_areRejected() throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("eve")
            .claim("role", "admin")
            .expirationTime(Date.from(now.plusSeconds(60)))
            .build();
    String plain = new PlainJWT(claims).serialize();
    assertThatThrownBy(() -> verifier.verify(plain)).isInstanceOf(TokenRejected.class);

    SignedJWT hmac =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signer.keyId()).build(), claims);
    hmac.sign(new MACSigner(new byte[32]));
    assertThatThrownBy(() -> verifier.verify(hmac.serialize()))
        .isInstanceOf(TokenRejected.class)
        .hasMessageContaining("ES256");
    assertThatThrownBy(() -> verifier.verify("garbage")).isInstanceOf(TokenRejected.class);
  }

  private static com.nimbusds.jose.jwk.ECKey privateKeyOf(TokenSigner signer) throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("key", ".jwk");
    try {
      signer.write(file);
      return com.nimbusds.jose.jwk.ECKey.parse(java.nio.file.Files.readString(file));
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }
}
