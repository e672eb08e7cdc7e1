package org.telcocdn.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;

/** One short synthetic video, made once per JVM with the bundled ffmpeg. */
final class SampleContent {
  static final String NAME = "E2E test card";
  private static Path file;

  private SampleContent() {}

  static synchronized Path file() throws Exception {
    if (file == null) {
      Path dir = Files.createTempDirectory("e2e-samples");
      file = SampleVideos.synthesize(Ffmpeg.bundled(), dir, "e2e-card", 14, 1280, 720);
    }
    return file;
  }
}
