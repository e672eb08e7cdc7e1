package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlsOutputTest {
  @TempDir Path dir;

  @Test
  void finish_renamesInitAndCompletesTheMaster() throws Exception {
    Files.createDirectories(dir.resolve("360p"));
    Files.write(dir.resolve("360p/init_0.mp4"), new byte[] {1});
    Files.writeString(
        dir.resolve("360p/playlist.m3u8"),
        "#EXTM3U\n#EXT-X-MAP:URI=\"init_0.mp4\"\n#EXTINF:2.000000,\nseg_00001.m4s\n#EXT-X-ENDLIST\n");
    Files.writeString(
        dir.resolve("master.m3u8"),
        "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=800000\n360p/playlist.m3u8\n");

    List<Rendition> renditions = HlsOutput.finish(dir, List.of(new Rung("360p", 640, 360, 800)));

    assertThat(renditions)
        .containsExactly(new Rendition("360p", 640, 360, 900000, HlsOutput.FALLBACK_CODECS));
    assertThat(dir.resolve("360p/init.mp4")).exists();
    assertThat(dir.resolve("360p/init_0.mp4")).doesNotExist();
    assertThat(Files.readString(dir.resolve("360p/playlist.m3u8")))
        .contains("#EXT-X-MAP:URI=\"init.mp4\"");
    assertThat(Files.readString(dir.resolve("master.m3u8")))
        .contains(
            "BANDWIDTH=900000,AVERAGE-BANDWIDTH=800000,RESOLUTION=640x360,CODECS=\"avc1.640028,mp4a.40.2\"");
  }
}
