package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscoderIT {
  @TempDir Path dir;
  private final Ffmpeg ffmpeg = Ffmpeg.bundled();
  private final Transcoder transcoder = new Transcoder(ffmpeg, List.of(1080, 720, 480, 360), 2, "ultrafast");

  @Test
  void probe_refusesTextWithFfprobesReason() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n");
    assertThatThrownBy(() -> new Probe(ffmpeg).probe(text))
        .isInstanceOf(NotAVideoException.class)
        .hasMessageContaining("Invalid data");
  }

  @Test
  void probe_opensNoUrlAPlaylistUploadNames() throws IOException {
    Path playlist = Files.writeString(dir.resolve("upload.m3u8"),
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://127.0.0.1:9/secret.ts\n#EXT-X-ENDLIST\n");
    assertThatThrownBy(() -> new Probe(ffmpeg).probe(playlist))
        .isInstanceOf(NotAVideoException.class)
        .hasMessageContaining("not on whitelist");
  }

  @Test
  void probe_refusesAContainerOffTheAllowList() {
    assertThatThrownBy(() -> new Probe(ffmpeg, names -> names.contains("matroska")).probe(TestVideos.tiny()))
        .isInstanceOf(NotAVideoException.class)
        .hasMessageContaining("origin.limits.containers");
  }

  @Test
  void probe_describesAVideo() throws Exception {
    MediaInfo info = new Probe(ffmpeg).probe(TestVideos.tiny());
    assertThat(info).isEqualTo(new MediaInfo(426, 240, true, info.durationSeconds(), "mp4"));
    assertThat(info.durationSeconds()).isBetween(4.9, 5.1);
  }

  @Test
  void transcode_sourceWithoutAudioGetsSilentTrack() throws Exception {
    Path silent = dir.resolve("silent.mp4");
    ChildProcess.Result made = ChildProcess.run(List.of(ffmpeg.ffmpegPath().toString(), "-nostdin", "-loglevel", "error",
        "-i", TestVideos.tiny().toString(), "-an", "-c:v", "copy", "-t", "3", silent.toString()), java.time.Duration.ofSeconds(30));
    assertThat(made.ok()).as(made.stderrTail()).isTrue();
    Path out = Files.createDirectory(dir.resolve("out"));
    MediaInfo info = new Probe(ffmpeg).probe(silent);
    assertThat(info.hasAudio()).isFalse();

    List<Rendition> renditions = transcoder.transcode(silent, info, out);

    assertThat(renditions).hasSize(3).allSatisfy(r -> assertThat(r.codecs()).contains("avc1.").contains("mp4a.40.2"));
    assertThat(out.resolve("poster.jpg")).isNotEmptyFile();
  }

  @Test
  void transcode_producesTheLadder() throws Exception {
    Path out = Files.createDirectory(dir.resolve("ladder"));
    List<Rendition> renditions = transcoder.transcode(TestVideos.tiny(), new Probe(ffmpeg).probe(TestVideos.tiny()), out);
    assertThat(renditions).extracting(Rendition::name).containsExactly("240p", "160p", "106p");
    assertThat(renditions).allSatisfy(r -> assertThat(r.bandwidth()).isPositive());
    LadderAssertions.assertLadder(out);
  }
}
