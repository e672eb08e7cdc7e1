package org.telcocdn.cli;

import java.nio.file.Path;

/**
 * Makes a synthetic video for {@code cdn demo}. An interface so the demo's logic is tested without
 * FFmpeg.
 */
@FunctionalInterface
public interface SampleMaker {
  /** Writes (or reuses) {@code dir/{sample.fileName()}.mp4} at {@code width}x{@code height}. */
  Path make(Path dir, DemoSample sample, int width, int height);
}
