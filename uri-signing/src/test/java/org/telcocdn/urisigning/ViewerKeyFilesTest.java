package org.telcocdn.urisigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.Await;

class ViewerKeyFilesTest {
  @TempDir Path dir;

  @Test
  void theFirstRunMakesAnOwnerOnlyPrivateSetAndAPublicSetWithoutPrivateParts() throws Exception {
    ViewerKeyFiles files = new ViewerKeyFiles(dir.resolve("secrets"), Clock.systemUTC());

    assertThat(files.ensure()).isTrue();
    assertThat(files.ensure()).as("a second start keeps the keys").isFalse();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.signingFile())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets"))))
        .isEqualTo("rwx------");
    assertThat(Files.readString(files.signingFile())).contains("\"d\":");
    assertThat(Files.readString(files.publicFile()))
        .doesNotContain("\"d\":")
        .contains("\"kid\":\"url-");
    assertThat(VerificationKeys.parse(Files.readString(files.publicFile())).kids()).hasSize(1);
  }

  @Test
  void aPrivateKeyIsRefusedAsAnEdgesKeySet() throws Exception {
    ViewerKeyFiles files = new ViewerKeyFiles(dir, Clock.systemUTC());
    files.ensure();

    assertThatThrownBy(() -> VerificationKeys.parse(Files.readString(files.signingFile())))
        .hasMessageContaining("public keys only");
  }

  @Test
  void aWatcherLoadsTheRotatedSetWithoutARestartAndKeepsTheOldOneOnABadFile() throws Exception {
    ViewerKeyFiles files = new ViewerKeyFiles(dir, Clock.systemUTC());
    files.ensure();
    AtomicReference<VerificationKeys> current = new AtomicReference<>();
    try (var watcher = KeyFileWatcher.open(files.publicFile(), VerificationKeys::parse)) {
      current.set(watcher.initial());
      watcher.start(Duration.ofMillis(20), current::set);
      assertThat(current.get().kids()).hasSize(1);

      String next = files.rotate(Duration.ZERO).kid();
      Await.until(
          Duration.ofSeconds(5),
          "the rotated key set loaded",
          () -> current.get().kids().contains(next));
      assertThat(current.get().kids()).hasSize(2);

      VerificationKeys before = current.get();
      Files.writeString(files.publicFile(), "{\"keys\": [ half a file");
      Thread.sleep(200); // ten polls: none may replace the keys
      assertThat(current.get()).isSameAs(before);
    }
  }
}
