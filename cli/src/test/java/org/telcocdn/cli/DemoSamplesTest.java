package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSamplesTest {
  @TempDir Path dir;
  private final List<String> made = new ArrayList<>();

  private final SampleMaker recording =
      (samples, sample, width, height) -> {
        made.add(sample.fileName() + ":" + sample.seconds() + ":" + width + "x" + height);
        try {
          Files.createDirectories(samples);
          return Files.writeString(
              samples.resolve(sample.fileName() + ".mp4"), "video of " + sample.seconds() + " s");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };

  @Test
  void ingestsEachSampleOnceAcrossRuns() {
    try (FakeServices services = new FakeServices()) {
      DemoSamples demo =
          new DemoSamples(
              recording, new IngestClient(), new PrintStream(new ByteArrayOutputStream()));

      assertThat(demo.ensure(services.url(), services.url(), dir)).isEqualTo(4);
      assertThat(demo.ensure(services.url(), services.url(), dir)).isZero();

      assertThat(made)
          .containsExactly(
              "sample-1-test-pattern:20:1280x720",
              "sample-2-colour-bars:45:1280x720",
              "sample-3-gradients:75:1280x720",
              "sample-4-game-of-life:120:1280x720");
      assertThat(services.uploads)
          .extracting(FakeServices.Upload::name)
          .containsExactly(
              "Sample 1 – Test pattern (20 s)",
              "Sample 2 – Colour bars (45 s)",
              "Sample 3 – Gradients (75 s)",
              "Sample 4 – Game of life (120 s)");
      assertThat(services.uploads.getFirst().tags()).containsExactly("demo", "sample", "short");
      assertThat(services.uploads.getLast().tags()).containsExactly("demo", "sample", "long");
    }
  }

  @Test
  void theSamplesDifferInPictureToneAndTitle() {
    assertThat(DemoSamples.SAMPLES)
        .extracting(s -> s.look().pattern())
        .doesNotHaveDuplicates()
        .hasSize(4);
    assertThat(DemoSamples.SAMPLES).extracting(s -> s.look().toneHz()).doesNotHaveDuplicates();
    assertThat(DemoSamples.SAMPLES)
        .allSatisfy(s -> assertThat(s.name()).startsWith(s.look().title() + " ("));
    assertThat(DemoSamples.SAMPLES).extracting(DemoSample::fileName).doesNotHaveDuplicates();
  }

  @Test
  void aFailingSampleIsReportedAndTheOthersStillIngested() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SampleMaker flaky =
        (samples, sample, width, height) -> {
          if (sample.fileName().startsWith("sample-2"))
            throw CliException.runtime("ffmpeg crashed");
          return recording.make(samples, sample, width, height);
        };
    try (FakeServices services = new FakeServices()) {
      DemoSamples demo =
          new DemoSamples(
              flaky, new IngestClient(), new PrintStream(log, true, StandardCharsets.UTF_8));

      assertThat(demo.ensure(services.url(), services.url(), dir)).isEqualTo(3);

      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("FAILED    Sample 2 – Colour bars (45 s): ffmpeg crashed");
      assertThat(services.uploads)
          .extracting(FakeServices.Upload::name)
          .doesNotContain("Sample 2 – Colour bars (45 s)")
          .hasSize(3);
    }
  }
}
