package org.telcocdn.cli;

import java.nio.file.Path;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;

/** Sample videos rendered by vid-raw's bundled FFmpeg: no media files in the repository. */
final class FfmpegSamples implements SampleMaker {
  @Override
  public Path make(Path dir, String fileName, int seconds, int width, int height) {
    try {
      return SampleVideos.synthesize(Ffmpeg.bundled(), dir, fileName, seconds, width, height);
    } catch (RuntimeException e) {
      throw CliException.runtime("sample video " + fileName + " cannot be made with the bundled FFmpeg: " + e.getMessage());
    }
  }
}
