package org.telcocdn.urisigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.TestClock;

/**
 * Real ES256 keys made in the temporary directory as `cdn up` makes them; the broker's signer; the
 * edge's verifier.
 */
class ViewerTokenVerifierTest {
  private static final String TITLE = "3f9a0c1b2d4e";
  private static final String MASTER = "http://127.0.0.1:8101/videos/" + TITLE + "/master.m3u8";
  private static final String SEGMENT =
      "http://edge-2.site-a:8102/videos/" + TITLE + "/720p/seg_00042.m4s?CMCD=sid%3D%22s%22";

  @TempDir Path dir;
  private final TestClock clock = TestClock.manual();
  private ViewerKeyFiles files;
  private ViewerTokenSigner signer;
  private ViewerTokenVerifier verifier;

  @BeforeEach
  void keys() {
    files = new ViewerKeyFiles(dir.resolve("secrets"), clock);
    assertThat(files.ensure()).isTrue();
    signer = new ViewerTokenSigner(SigningKeys.parse(KeyFile.read(files.signingFile())));
    verifier =
        new ViewerTokenVerifier(
            VerificationKeys.parse(KeyFile.read(files.publicFile())), 1000, clock);
  }

  @Test
  void aFreshTokenCoversEveryObjectOfItsTitleOnAnyEdge() {
    String token = signer.sign(TITLE, clock.instant(), Duration.ofMinutes(10));

    assertThat(verifier.check(token, MASTER)).isEqualTo(TokenVerdict.VALID);
    assertThat(verifier.check(token, SEGMENT)).isEqualTo(TokenVerdict.VALID);
    assertThat(verifier.check(token, "https://edge-3/videos/" + TITLE + "/poster.jpg"))
        .isEqualTo(TokenVerdict.VALID);
  }

  @Test
  void anExpiredTokenIsRefusedEvenWhileCached() {
    String token = signer.sign(TITLE, clock.instant(), Duration.ofMinutes(10));
    assertThat(verifier.check(token, MASTER)).isEqualTo(TokenVerdict.VALID);

    clock.advance(Duration.ofMinutes(10));

    assertThat(verifier.check(token, SEGMENT)).isEqualTo(TokenVerdict.EXPIRED);
  }

  @Test
  void anotherTitlesObjectsAreOutsideTheToken() {
    String token = signer.sign(TITLE, clock.instant(), Duration.ofMinutes(10));

    assertThat(verifier.check(token, "http://127.0.0.1:8101/videos/0000aaaa1111/master.m3u8"))
        .isEqualTo(TokenVerdict.OUTSIDE_SCOPE);
    assertThat(verifier.check(token, "http://127.0.0.1:8101/videos/" + TITLE + "x/master.m3u8"))
        .isEqualTo(TokenVerdict.OUTSIDE_SCOPE);
    // the prefix is anchored after the authority: it cannot stand later in the path
    assertThat(verifier.check(token, "http://h/x/videos/" + TITLE + "/seg"))
        .isEqualTo(TokenVerdict.OUTSIDE_SCOPE);
  }

  @Test
  void aHostHeaderCannotPutTheTitlesPrefixInFrontOfAnotherPath() {
    String token = signer.sign(TITLE, clock.instant(), Duration.ofMinutes(10));
    String smuggled =
        ViewerTokenVerifier.requestUri(
            false, "x/videos/" + TITLE, "/videos/0000aaaa1111/master.m3u8");

    assertThat(smuggled).isEqualTo("http://invalid-host/videos/0000aaaa1111/master.m3u8");
    assertThat(verifier.check(token, smuggled)).isEqualTo(TokenVerdict.OUTSIDE_SCOPE);
    assertThat(ViewerTokenVerifier.requestUri(true, "[::1]:8443", "/videos/a/b"))
        .isEqualTo("https://[::1]:8443/videos/a/b");
  }

  @Test
  void aTamperedSignatureOrPayloadIsRefused() {
    String token = signer.sign(TITLE, clock.instant(), Duration.ofMinutes(10));
    String[] parts = token.split("\\.");
    String otherTitle =
        signer.sign("0000aaaa1111", clock.instant(), Duration.ofMinutes(10)).split("\\.")[1];
    char last = parts[2].charAt(10);
    String flipped = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);

    assertThat(verifier.check(parts[0] + "." + parts[1] + "." + flipped, MASTER))
        .isEqualTo(TokenVerdict.BAD_SIGNATURE);
    assertThat(verifier.check(parts[0] + "." + otherTitle + "." + parts[2], MASTER))
        .isEqualTo(TokenVerdict.BAD_SIGNATURE);
  }

  @Test
  void garbageAndOtherAlgorithmsAreMalformed() throws Exception {
    assertThat(verifier.check("", MASTER)).isEqualTo(TokenVerdict.MALFORMED);
    assertThat(verifier.check("not.a.jwt", MASTER)).isEqualTo(TokenVerdict.MALFORMED);
    SignedJWT hmac =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(currentKid()).build(),
            claims(TITLE).build());
    hmac.sign(new MACSigner(new byte[32]));
    assertThat(verifier.check(hmac.serialize(), MASTER)).isEqualTo(TokenVerdict.MALFORMED);
    assertThat(verifier.check(null, MASTER)).isEqualTo(TokenVerdict.MISSING);
  }

  @Test
  void aKeyNotInTheSetIsUnknown() throws Exception {
    ViewerKeyFiles elsewhere = new ViewerKeyFiles(dir.resolve("other"), clock);
    elsewhere.ensure();
    ViewerTokenSigner stranger =
        new ViewerTokenSigner(SigningKeys.parse(KeyFile.read(elsewhere.signingFile())));

    assertThat(
            verifier.check(stranger.sign(TITLE, clock.instant(), Duration.ofMinutes(10)), MASTER))
        .isEqualTo(TokenVerdict.UNKNOWN_KEY);
  }

  @Test
  void afterRotationBothKeysVerifyAndARetiredKeysTokensAreRefusedAtOnce() {
    String old = signer.sign(TITLE, clock.instant(), Duration.ofHours(1));
    assertThat(verifier.check(old, MASTER)).isEqualTo(TokenVerdict.VALID);
    String oldKid = currentKid();

    ViewerKeyFiles.KeyInfo next = files.rotate(Duration.ofSeconds(30));
    reload();
    assertThat(signer.currentKid(clock.instant()))
        .as("the new key waits for the edges")
        .isEqualTo(oldKid);
    clock.advance(Duration.ofSeconds(30));
    String fresh = signer.sign(TITLE, clock.instant(), Duration.ofHours(1));
    assertThat(signer.currentKid(clock.instant())).isEqualTo(next.kid());
    assertThat(verifier.check(old, MASTER))
        .as("the old key still verifies")
        .isEqualTo(TokenVerdict.VALID);
    assertThat(verifier.check(fresh, MASTER)).isEqualTo(TokenVerdict.VALID);

    files.retire(oldKid);
    reload();
    assertThat(verifier.check(old, MASTER))
        .as("cached, but its key is retired")
        .isEqualTo(TokenVerdict.UNKNOWN_KEY);
    assertThat(verifier.check(fresh, SEGMENT)).isEqualTo(TokenVerdict.VALID);
  }

  @Test
  void theKeySigningNowCannotBeRetired() {
    String kid = currentKid();

    assertThatThrownBy(() -> files.retire(kid))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is the one signing now");
  }

  @Test
  void aClientAddressOrAnAudienceThisEdgeDoesNotEnforceRefusesTheToken() throws Exception {
    assertThat(verifier.check(signed(claims(TITLE).claim("cdniip", "192.0.2.1")), MASTER))
        .isEqualTo(TokenVerdict.UNSUPPORTED_CLAIM);
    assertThat(verifier.check(signed(claims(TITLE).audience("cdn-x")), MASTER))
        .isEqualTo(TokenVerdict.UNSUPPORTED_CLAIM);
    assertThat(verifier.check(signed(claims(TITLE).claim("cdniv", 2)), MASTER))
        .isEqualTo(TokenVerdict.UNSUPPORTED_CLAIM);
    assertThat(
            verifier.check(
                signed(claims(TITLE).claim("cdnicrit", List.of("exp", "cdnistd"))), MASTER))
        .isEqualTo(TokenVerdict.UNSUPPORTED_CLAIM);
    assertThat(
            verifier.check(
                signed(claims(TITLE).claim("cdnicrit", List.of("exp", "cdniuc"))), MASTER))
        .isEqualTo(TokenVerdict.VALID);
  }

  @Test
  void aTokenBeforeItsNotBeforeTimeIsNotValidYet() throws Exception {
    String token = signed(claims(TITLE).notBeforeTime(Date.from(clock.instant().plusSeconds(60))));

    assertThat(verifier.check(token, MASTER)).isEqualTo(TokenVerdict.NOT_YET_VALID);
    clock.advance(Duration.ofSeconds(60));
    assertThat(verifier.check(token, MASTER)).isEqualTo(TokenVerdict.VALID);
  }

  @Test
  void aHashContainerCoversExactlyOneUri() throws Exception {
    String token = signed(claims(TITLE).claim("cdniuc", "hash:" + UriContainer.Hash.of(MASTER)));

    assertThat(verifier.check(token, MASTER)).isEqualTo(TokenVerdict.VALID);
    assertThat(verifier.check(token, SEGMENT)).isEqualTo(TokenVerdict.OUTSIDE_SCOPE);
  }

  @Test
  void theCacheHoldsOneEntryPerTokenAndForgetsExpiredOnes() {
    String token = signer.sign(TITLE, clock.instant(), Duration.ofMinutes(1));
    for (int i = 0; i < 100; i++) verifier.check(token, SEGMENT);

    assertThat(verifier.cachedTokens()).isEqualTo(1);
  }

  private String currentKid() {
    return signer.currentKid(clock.instant());
  }

  private void reload() {
    signer.keys(SigningKeys.parse(KeyFile.read(files.signingFile())));
    verifier.keys(VerificationKeys.parse(KeyFile.read(files.publicFile())));
  }

  private JWTClaimsSet.Builder claims(String title) {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer("test")
        .expirationTime(Date.from(now.plusSeconds(600)))
        .claim("cdniuc", UriContainer.forTitle(title));
  }

  /**
   * Signed with the broker's real key, so only the claims differ from what the broker would sign.
   */
  private String signed(JWTClaimsSet.Builder claims) throws Exception {
    ECKey key = SigningKeys.parse(KeyFile.read(files.signingFile())).current(clock.instant());
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }
}
