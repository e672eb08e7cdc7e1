package org.telcocdn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The demo's catalogue: four synthetic videos of different lengths, 1280x720 so that the ladder
 * has 720p, 480p and 360p. A video is ingested only when vid-metadata has none of that name, so a
 * second {@code cdn demo} reuses what the first one ingested (metadata and origin data persist
 * under the data directory).
 */
final class DemoSamples {
  /** One sample: what it is called in the catalogue, and its file and length. */
  record Sample(String name, String fileName, int seconds, List<String> tags) {}

  static final int WIDTH = 1280;
  static final int HEIGHT = 720;
  static final List<Sample> SAMPLES = List.of(
      new Sample("Sample 1 – Test card (20 s)", "sample-1", 20, List.of("demo", "sample", "short")),
      new Sample("Sample 2 – Test card (45 s)", "sample-2", 45, List.of("demo", "sample", "short")),
      new Sample("Sample 3 – Test card (75 s)", "sample-3", 75, List.of("demo", "sample", "long")),
      new Sample("Sample 4 – Test card (120 s)", "sample-4", 120, List.of("demo", "sample", "long")));

  private final SampleMaker maker;
  private final IngestClient client;
  private final PrintStream out;

  DemoSamples(SampleMaker maker, IngestClient client, PrintStream out) {
    this.maker = maker;
    this.client = client;
    this.out = out;
  }

  /**
   * Makes sure every sample is in the catalogue; returns how many were ingested now. A sample that
   * fails is reported and the next one tried: one bad sample should not cost the others.
   */
  int ensure(String metadataUrl, String originUrl, Path samplesDir) {
    int ingested = 0;
    for (Sample sample : SAMPLES) {
      try {
        if (ensure(sample, metadataUrl, originUrl, samplesDir)) ingested++;
      } catch (CliException e) {
        out.println("  FAILED    " + sample.name() + ": " + e.getMessage());
      }
    }
    return ingested;
  }

  private boolean ensure(Sample sample, String metadataUrl, String originUrl, Path samplesDir) {
    Optional<JsonNode> existing = client.findByName(metadataUrl, sample.name());
    if (existing.isPresent()) {
      out.println("  present   " + sample.name() + "  " + existing.get().path("playUrl").asText());
      return false;
    }
    out.println("  making    " + sample.name() + " (" + sample.seconds() + " s, " + WIDTH + "x" + HEIGHT + ")");
    Path file = maker.make(samplesDir, sample.fileName(), sample.seconds(), WIDTH, HEIGHT);
    out.println("  ingesting " + sample.name() + " (transcoding)");
    JsonNode video = client.ingest(originUrl, file, sample.name(), sample.tags());
    out.println("  ingested  " + sample.name() + "  " + video.path("playUrl").asText());
    return true;
  }
}
