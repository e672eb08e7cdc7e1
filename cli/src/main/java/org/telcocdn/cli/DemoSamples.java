package org.telcocdn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.telcocdn.raw.media.SampleVideos.Pattern;

/**
 * The demo's catalogue: four synthetic videos that look and sound different (test pattern, colour
 * bars, gradients, game of life; each its own tone) and have different lengths, with the title and
 * a running clock burned in, so a viewer can tell which one plays and the posters tell them apart.
 * 1280x720, so that the ladder has 720p, 480p and 360p. A video is ingested only when vid-metadata
 * has none of that name, so a second {@code cdn demo} reuses what the first one ingested (metadata
 * and origin data persist under the data directory).
 */
final class DemoSamples {
  static final int WIDTH = 1280;
  static final int HEIGHT = 720;
  static final List<DemoSample> SAMPLES =
      List.of(
          new DemoSample(1, "Test pattern", Pattern.TEST_PATTERN, 440, 20, "short"),
          new DemoSample(2, "Colour bars", Pattern.COLOUR_BARS, 1000, 45, "short"),
          new DemoSample(3, "Gradients", Pattern.GRADIENTS, 660, 75, "long"),
          new DemoSample(4, "Game of life", Pattern.GAME_OF_LIFE, 330, 120, "long"));

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
    for (DemoSample sample : SAMPLES) {
      try {
        if (ensure(sample, metadataUrl, originUrl, samplesDir)) ingested++;
      } catch (CliException e) {
        out.println("  FAILED    " + sample.name() + ": " + e.getMessage());
      }
    }
    return ingested;
  }

  private boolean ensure(DemoSample sample, String metadataUrl, String originUrl, Path samplesDir) {
    Optional<JsonNode> existing = client.findByName(metadataUrl, sample.name());
    if (existing.isPresent()) {
      out.println("  present   " + sample.name() + "  " + existing.get().path("playUrl").asText());
      return false;
    }
    out.println(
        "  making    "
            + sample.name()
            + " ("
            + sample.seconds()
            + " s, "
            + WIDTH
            + "x"
            + HEIGHT
            + ")");
    Path file = maker.make(samplesDir, sample, WIDTH, HEIGHT);
    out.println("  ingesting " + sample.name() + " (transcoding)");
    JsonNode video = client.ingest(originUrl, file, sample.name(), sample.tags());
    out.println("  ingested  " + sample.name() + "  " + video.path("playUrl").asText());
    return true;
  }
}
