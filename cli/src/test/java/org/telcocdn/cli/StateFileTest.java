package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  @TempDir Path dir;

  /** A pid far above Linux's pid_max default, so no process has it. */
  static final long DEAD_PID = 4_000_000_000L;

  static RunningService self(String name) {
    ProcessHandle me = ProcessHandle.current();
    return new RunningService(
        name,
        "vid-metadata",
        me.pid(),
        "http://127.0.0.1:9",
        null,
        "/tmp/x.log",
        Instant.parse("2026-01-01T00:00:00Z"),
        me.info().startInstant().orElse(null));
  }

  static RunningService dead(String name) {
    return new RunningService(
        name,
        "vid-raw",
        DEAD_PID,
        "http://127.0.0.1:9",
        9090,
        "/tmp/y.log",
        Instant.parse("2026-01-01T00:00:00Z"),
        null);
  }

  @Test
  void roundTrips() {
    StateFile file = new StateFile(dir);
    RunState state = new RunState(dir.toString(), List.of(self("a"), dead("b")));

    file.write(state);

    assertThat(file.path()).isEqualTo(dir.resolve("run/state.json"));
    assertThat(file.read()).contains(state);
  }

  @Test
  void absentFileReadsAsNothing() {
    assertThat(new StateFile(dir).read()).isEmpty();
    assertThat(new StateFile(dir).claim()).isFalse();
  }

  @Test
  void staleFileIsRemoved() {
    StateFile file = new StateFile(dir);
    file.write(new RunState(dir.toString(), List.of(dead("b"))));

    assertThat(file.claim()).isTrue();
    assertThat(file.path()).doesNotExist();
  }

  @Test
  void livePidsRefuseANewStart() {
    StateFile file = new StateFile(dir);
    file.write(new RunState(dir.toString(), List.of(self("meta"), dead("b"))));

    assertThatThrownBy(file::claim)
        .isInstanceOf(CliException.class)
        .hasMessageContaining("meta pid " + ProcessHandle.current().pid())
        .hasMessageContaining("run `cdn down` first");
    assertThat(file.path()).exists();
  }

  @Test
  void aReusedPidIsNotOurs() {
    RunningService me = self("meta");
    RunningService reused =
        new RunningService(
            me.name(),
            me.role(),
            me.pid(),
            me.url(),
            null,
            me.log(),
            me.started(),
            Instant.parse("2001-01-01T00:00:00Z"));

    assertThat(me.alive()).isTrue();
    assertThat(reused.alive()).isFalse();
  }

  @Test
  void unreadableFileIsAClearError() throws Exception {
    StateFile file = new StateFile(dir);
    Files.createDirectories(file.path().getParent());
    Files.writeString(file.path(), "{not json");

    assertThatThrownBy(file::read)
        .isInstanceOf(CliException.class)
        .hasMessageContaining("cannot be read");
  }
}
