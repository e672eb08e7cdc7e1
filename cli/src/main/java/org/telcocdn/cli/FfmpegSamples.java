package org.telcocdn.cli;

import java.nio.file.Path;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;

/** Sample videos rendered by vid-raw's bundled FFmpeg: no media files in the repository. */
final class FfmpegSamples implements SampleMaker {
  @Override
  public Path make(Path dir, DemoSample sample, int width, int height) {
    try {
      return SampleVideos.synthesize(
          Ffmpeg.bundled(), dir, sample.fileName(), sample.seconds(), width, height, sample.look());
    } catch (RuntimeException e) {
      throw CliException.runtime(
          "sample video "
              + sample.fileName()
              + " cannot be made with the bundled FFmpeg: "
              + e.getMessage());
    }
  }
}
