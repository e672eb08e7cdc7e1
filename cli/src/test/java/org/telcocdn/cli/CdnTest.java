package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;

class CdnTest {
  @TempDir Path work;

  private Console console() {
    return Console.withoutSamples(work);
  }

  @Test
  void psWithoutStateSaysNothingRuns() {
    Console cdn = console();

    assertThat(cdn.run("ps")).isZero();
    assertThat(cdn.out()).contains("Nothing is running");
    assertThat(cdn.run("ps", "--json")).isZero();
    assertThat(cdn.out().strip()).isEqualTo("[ ]");
  }

  @Test
  void downWithoutStateIsNotAnError() {
    Console cdn = console();

    assertThat(cdn.run("down")).isZero();
    assertThat(cdn.out()).contains("Nothing to stop");
  }

  @Test
  void upRefusesWhileRecordedProcessesLive() {
    writeState(StateFileTest.self("vid-metadata"));
    Console cdn = console();

    assertThat(cdn.run("up", "-d")).isEqualTo(1);
    assertThat(cdn.err().strip())
        .startsWith("cdn: services are already running")
        .endsWith("run `cdn down` first")
        .doesNotContain("\n");
  }

  @Test
  void badTopologyIsAUsageError() throws Exception {
    Files.writeString(work.resolve("bad.yaml"), "services: []\n");
    Console cdn = console();

    assertThat(cdn.run("up", "--topology", "bad.yaml")).isEqualTo(2);
    assertThat(cdn.err().strip())
        .isEqualTo(
            "cdn: " + work.resolve("bad.yaml") + ": needs exactly one vid-metadata service, has 0");
  }

  @Test
  void unknownOptionIsAUsageErrorOnOneLine() {
    Console cdn = console();

    assertThat(cdn.run("ps", "--jsn")).isEqualTo(2);
    assertThat(cdn.err().strip())
        .startsWith("cdn: Unknown option: '--jsn'")
        .contains("cdn ps --help")
        .doesNotContain("\n");
  }

  @Test
  void ingestStreamsTheFileAndPrintsTheVideo() throws Exception {
    Path video = Files.write(work.resolve("clip.mp4"), new byte[100_000]);
    try (FakeServices origin = new FakeServices()) {
      Console cdn = console();

      int code =
          cdn.run(
              "ingest",
              "clip.mp4",
              "--name",
              "Ocean & sky",
              "--tag",
              "demo",
              "--tag",
              "sea",
              "--origin",
              origin.url());

      assertThat(code).isZero();
      assertThat(Json.MAPPER.readTree(cdn.out()).path("playUrl").asText())
          .endsWith("/play/000000000001");
      assertThat(origin.uploads)
          .containsExactly(
              new FakeServices.Upload("Ocean & sky", List.of("demo", "sea"), Files.size(video)));
    }
  }

  @Test
  void ingestRefusalPrintsTheErrorAndExitsOne() throws Exception {
    Files.writeString(work.resolve("notes.txt"), "bad");
    try (FakeServices origin = new FakeServices()) {
      Console cdn = console();

      assertThat(cdn.run("ingest", "notes.txt", "--name", "x", "--origin", origin.url()))
          .isEqualTo(1);
      assertThat(cdn.err())
          .contains("cdn: ingest of notes.txt failed with HTTP 422: {\"error\":\"not_a_video\"");
    }
  }

  @Test
  void ingestWithoutARunningOriginSaysWhatToDo() throws Exception {
    Files.writeString(work.resolve("clip.mp4"), "x");
    Console cdn = console();

    assertThat(cdn.run("ingest", "clip.mp4", "--name", "x")).isEqualTo(1);
    assertThat(cdn.err()).contains("no running vid-raw").contains("--origin URL");
  }

  private void writeState(RunningService... services) {
    Path dataDir = work.resolve(".cdn");
    new StateFile(dataDir).write(new RunState(dataDir.toString(), List.of(services)));
  }
}
