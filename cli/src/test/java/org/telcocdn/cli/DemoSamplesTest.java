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

  private final SampleMaker recording = (samples, name, seconds, width, height) -> {
    made.add(name + ":" + seconds + ":" + width + "x" + height);
    try {
      Files.createDirectories(samples);
      return Files.writeString(samples.resolve(name + ".mp4"), "video of " + seconds + " s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  };

  @Test
  void ingestsEachSampleOnceAcrossRuns() {
    try (FakeServices services = new FakeServices()) {
      DemoSamples demo = new DemoSamples(recording, new IngestClient(), new PrintStream(new ByteArrayOutputStream()));

      assertThat(demo.ensure(services.url(), services.url(), dir)).isEqualTo(4);
      assertThat(demo.ensure(services.url(), services.url(), dir)).isZero();

      assertThat(made).containsExactly("sample-1:20:1280x720", "sample-2:45:1280x720", "sample-3:75:1280x720", "sample-4:120:1280x720");
      assertThat(services.uploads).extracting(FakeServices.Upload::name).containsExactly(
          "Sample 1 – Test card (20 s)", "Sample 2 – Test card (45 s)", "Sample 3 – Test card (75 s)", "Sample 4 – Test card (120 s)");
      assertThat(services.uploads.getFirst().tags()).containsExactly("demo", "sample", "short");
      assertThat(services.uploads.getLast().tags()).containsExactly("demo", "sample", "long");
    }
  }

  @Test
  void aFailingSampleIsReportedAndTheOthersStillIngested() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SampleMaker flaky = (samples, name, seconds, width, height) -> {
      if (name.equals("sample-2")) throw CliException.runtime("ffmpeg crashed");
      return recording.make(samples, name, seconds, width, height);
    };
    try (FakeServices services = new FakeServices()) {
      DemoSamples demo = new DemoSamples(flaky, new IngestClient(), new PrintStream(log, true, StandardCharsets.UTF_8));

      assertThat(demo.ensure(services.url(), services.url(), dir)).isEqualTo(3);

      assertThat(log.toString(StandardCharsets.UTF_8)).contains("FAILED    Sample 2 – Test card (45 s): ffmpeg crashed");
      assertThat(services.uploads).extracting(FakeServices.Upload::name).doesNotContain("Sample 2 – Test card (45 s)").hasSize(3);
    }
  }
}
