package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * HLS playlists as ffmpeg may leave them (or an upload may make it write them): fixing the layout
 * either succeeds with one rendition per planned rung named, or fails with an {@link IOException}
 * (the ingest's 422), never with anything else. Without {@code JAZZER_FUZZ} this replays its seeds.
 */
class PlaylistFuzzTest {
  private static final List<Rung> PLAN =
      List.of(new Rung("720p", 1280, 720, 2800), new Rung("360p", 640, 360, 800));

  @FuzzTest(maxDuration = "2m")
  void masterAndVariant(FuzzedDataProvider data) throws IOException {
    Path dir = Files.createTempDirectory("playlist-fuzz");
    try {
      for (Rung rung : PLAN) {
        Path variant = Files.createDirectories(dir.resolve(rung.name()));
        Files.writeString(
            variant.resolve("playlist.m3u8"), data.consumeString(400), StandardCharsets.UTF_8);
      }
      Files.writeString(
          dir.resolve("master.m3u8"), data.consumeRemainingAsString(), StandardCharsets.UTF_8);
      List<Rendition> renditions;
      try {
        renditions = HlsOutput.finish(dir, PLAN);
      } catch (IOException refused) {
        return;
      }
      assertThat(renditions)
          .allSatisfy(r -> assertThat(PLAN).anyMatch(rung -> rung.name().equals(r.name())));
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
