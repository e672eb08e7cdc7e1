package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HLS/CMAF layout of docs/contracts.md, checked on a transcoded or stored video directory. */
public final class LadderAssertions {
  private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),");

  private LadderAssertions() {}

  /** Checks the HLS/CMAF layout of docs/contracts.md; used by the ingest test too. */
  public static void assertLadder(Path videoDir) throws IOException {
    String master = Files.readString(videoDir.resolve("master.m3u8"));
    List<String> variants = master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).toList();
    assertThat(variants)
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(
            v ->
                assertThat(v)
                    .contains("BANDWIDTH=")
                    .contains("RESOLUTION=")
                    .contains("CODECS=\"avc1."));
    List<String> uris = master.lines().filter(l -> l.endsWith("/playlist.m3u8")).toList();
    assertThat(uris).hasSameSizeAs(variants);
    for (String uri : uris) {
      Path playlist = videoDir.resolve(uri);
      String text = Files.readString(playlist);
      assertThat(text)
          .contains("#EXT-X-MAP:URI=\"init.mp4\"")
          .contains("seg_00001.m4s")
          .contains("#EXT-X-ENDLIST");
      assertThat(playlist.resolveSibling("init.mp4")).isNotEmptyFile();
      assertThat(playlist.resolveSibling("seg_00001.m4s")).isNotEmptyFile();
      Matcher m = EXTINF.matcher(text);
      List<Double> durations = m.results().map(r -> Double.parseDouble(r.group(1))).toList();
      assertThat(durations).hasSizeGreaterThanOrEqualTo(2);
      assertThat(durations.subList(0, durations.size() - 1))
          .allSatisfy(d -> assertThat(d).isBetween(1.8, 2.2));
    }
    assertThat(videoDir.resolve("poster.jpg")).isNotEmptyFile();
  }
}
