package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.urisigning.TokenVerdict;
import org.telcocdn.urisigning.VerificationKeys;
import org.telcocdn.urisigning.ViewerKeyFiles;
import org.telcocdn.urisigning.ViewerTokenVerifier;

/**
 * {@code cdn keys list | rotate | retire | sign} on the key files `cdn up` makes in the default
 * topology's data directory (.cdn).
 */
class KeysCommandTest {
  @TempDir Path work;

  @Test
  void rotateAddsASigningKeyAndRetireRemovesTheOldOneButNeverTheKeySigningNow() throws Exception {
    Console cdn = Console.withoutSamples(work);
    assertThat(cdn.run("keys", "list")).as(cdn.err()).isEqualTo(1);
    assertThat(cdn.err()).contains("`cdn up` makes them");

    assertThat(ViewerKeys.ensure(work.resolve(".cdn"))).isTrue();
    ViewerKeyFiles files = ViewerKeys.files(work.resolve(".cdn"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.signingFile())))
        .isEqualTo("rw-------");
    String first = files.list().getFirst().kid();

    assertThat(cdn.run("keys", "retire", first)).isEqualTo(2);
    assertThat(cdn.err()).contains("is the one signing now");

    assertThat(cdn.run("keys", "rotate", "--activate-in", "PT0S")).as(cdn.err()).isZero();
    String second = files.list().getFirst().kid();
    assertThat(second).isNotEqualTo(first);
    assertThat(cdn.out()).contains("Added key " + second);
    assertThat(cdn.run("keys", "list")).isZero();
    assertThat(cdn.out()).containsPattern(second + " .* yes").contains(first);

    assertThat(cdn.run("keys", "retire", first)).as(cdn.err()).isZero();
    assertThat(files.list()).extracting(ViewerKeyFiles.KeyInfo::kid).containsExactly(second);
    assertThat(Files.readString(files.publicFile())).contains(second).doesNotContain(first);
  }

  @Test
  void signPrintsATokenCoveringThePathPrefixOnlyWhichTheEdgesKeysVerify() throws Exception {
    Console cdn = Console.withoutSamples(work);
    ViewerKeys.ensure(work.resolve(".cdn"));
    ViewerKeyFiles files = ViewerKeys.files(work.resolve(".cdn"));

    assertThat(cdn.run("keys", "sign", "--path-prefix", "/shop/", "--ttl", "PT10M"))
        .as(cdn.err())
        .isZero();
    String token = cdn.out().strip();
    ViewerTokenVerifier edge =
        new ViewerTokenVerifier(
            VerificationKeys.parse(Files.readString(files.publicFile())), 100, Clock.systemUTC());

    assertThat(edge.check(token, "http://shop.example:8080/shop/app.js?v=2"))
        .isEqualTo(TokenVerdict.VALID);
    assertThat(edge.check(token, "http://shop.example/other/app.js"))
        .isEqualTo(TokenVerdict.OUTSIDE_SCOPE);
    assertThat(cdn.run("keys", "sign", "--path-prefix", "shop")).isEqualTo(2);
    assertThat(cdn.err()).contains("starts with /");
  }
}
