package org.telcocdn.cli;

import java.nio.file.Path;

/**
 * Makes a synthetic test video for {@code cdn demo}. An interface so the demo's logic is tested
 * without FFmpeg, and so the cli does not depend on how vid-raw renders samples.
 */
@FunctionalInterface
public interface SampleMaker {
  /** Writes (or reuses) {@code dir/fileName} of {@code seconds} at {@code width}x{@code height}. */
  Path make(Path dir, String fileName, int seconds, int width, int height);
}
