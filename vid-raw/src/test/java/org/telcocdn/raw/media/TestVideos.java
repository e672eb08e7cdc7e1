package org.telcocdn.raw.media;

import java.nio.file.Path;

/** Tiny synthetic sources shared by the tests; made once per build in target/, then reused. */
public final class TestVideos {
  private static final Path DIR = Path.of("target", "samples");

  private TestVideos() {}

  /** 5 s, 426x240, H.264 + AAC. */
  public static Path tiny() {
    return SampleVideos.synthesize(Ffmpeg.bundled(), DIR, "tiny-240p", 5, 426, 240);
  }
}
