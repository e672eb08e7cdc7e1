package org.telcocdn.urisigning;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.TestClock;

class TitleTokensTest {
  @TempDir Path dir;
  private final TestClock clock = TestClock.manual();

  @Test
  void viewersOfOneTitleShareATokenForATenthOfItsLifetimeThenGetANewOne() throws Exception {
    ViewerKeyFiles files = new ViewerKeyFiles(dir, clock);
    files.ensure();
    ViewerTokenSigner signer =
        new ViewerTokenSigner(SigningKeys.parse(KeyFile.read(files.signingFile())));
    TitleTokens tokens = new TitleTokens(signer, Duration.ofMinutes(10), clock, 100);

    String first = tokens.token("aaaa00000001");
    assertThat(tokens.token("aaaa00000001")).isSameAs(first);
    assertThat(tokens.token("bbbb00000002")).isNotEqualTo(first);

    clock.advance(Duration.ofMinutes(1));
    String renewed = tokens.token("aaaa00000001");
    assertThat(renewed).isNotEqualTo(first);
    assertThat(SignedJWT.parse(renewed).getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void aRotatedKeySignsTheNextTokenAtOnce() {
    ViewerKeyFiles files = new ViewerKeyFiles(dir, clock);
    files.ensure();
    ViewerTokenSigner signer =
        new ViewerTokenSigner(SigningKeys.parse(KeyFile.read(files.signingFile())));
    TitleTokens tokens = new TitleTokens(signer, Duration.ofHours(4), clock, 100);
    String before = tokens.token("aaaa00000001");

    String kid = files.rotate(Duration.ZERO).kid();
    signer.keys(SigningKeys.parse(KeyFile.read(files.signingFile())));

    String after = tokens.token("aaaa00000001");
    assertThat(after).isNotEqualTo(before);
    assertThat(signer.currentKid(clock.instant())).isEqualTo(kid);
  }
}
