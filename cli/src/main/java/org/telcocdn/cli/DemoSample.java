package org.telcocdn.cli;

import java.util.List;
import java.util.Locale;
import org.telcocdn.raw.media.SampleVideos.Look;
import org.telcocdn.raw.media.SampleVideos.Pattern;

/**
 * One of the demo's videos: what it is called in the catalogue, its file, length, tags and look.
 *
 * @param title burned into the picture: the catalogue name without its running time, which the
 *     clock in the picture shows
 */
public record DemoSample(
    String name, String title, String fileName, int seconds, List<String> tags, Look look) {
  /** Sample {@code n}: "Sample n – Title (S s)", file {@code sample-n-pattern}, the tone in Hz. */
  DemoSample(int n, String title, Pattern pattern, int toneHz, int seconds, String length) {
    this(
        "Sample " + n + " – " + title + " (" + seconds + " s)",
        "Sample " + n + " – " + title,
        "sample-" + n + "-" + pattern.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        seconds,
        List.of("demo", "sample", length),
        new Look(pattern, toneHz, "Sample " + n + " – " + title));
  }
}
