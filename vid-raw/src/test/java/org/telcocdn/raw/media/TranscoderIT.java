package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.Await;

class TranscoderIT {
  @TempDir Path dir;
  private final Ffmpeg ffmpeg = Ffmpeg.bundled();
  private final Transcoder transcoder =
      new Transcoder(
          ffmpeg, List.of(1080, 720, 480, 360), 2, "ultrafast", 0, ProcessPriority.UNCHANGED);

  @Test
  void probe_refusesTextWithFfprobesReason() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n");
    assertThatThrownBy(() -> new Probe(ffmpeg).probe(text))
        .isInstanceOf(NotAVideoException.class)
        .hasMessageContaining("Invalid data");
  }

  @Test
  void probe_opensNoUrlAPlaylistUploadNames() throws IOException {
    Path playlist =
        Files.writeString(
            dir.resolve("upload.m3u8"),
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://127.0.0.1:9/secret.ts\n#EXT-X-ENDLIST\n");
    assertThatThrownBy(() -> new Probe(ffmpeg).probe(playlist))
        .isInstanceOf(NotAVideoException.class)
        .hasMessageContaining("not on whitelist");
  }

  @Test
  void probe_refusesAContainerOffTheAllowList() {
    assertThatThrownBy(
            () ->
                new Probe(ffmpeg, ProcessPriority.UNCHANGED, names -> names.contains("matroska"))
                    .probe(TestVideos.tiny()))
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
    ChildProcess.Result made =
        ChildProcess.run(
            List.of(
                ffmpeg.ffmpegPath().toString(),
                "-nostdin",
                "-loglevel",
                "error",
                "-i",
                TestVideos.tiny().toString(),
                "-an",
                "-c:v",
                "copy",
                "-t",
                "3",
                silent.toString()),
            java.time.Duration.ofSeconds(30));
    assertThat(made.ok()).as(made.stderrTail()).isTrue();
    Path out = Files.createDirectory(dir.resolve("out"));
    MediaInfo info = new Probe(ffmpeg).probe(silent);
    assertThat(info.hasAudio()).isFalse();

    List<Rendition> renditions = transcoder.transcode(silent, info, out);

    assertThat(renditions)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.codecs()).contains("avc1.").contains("mp4a.40.2"));
    assertThat(out.resolve("poster.jpg")).isNotEmptyFile();
  }

  @Test
  void transcode_runsFfmpegAtTheConfiguredPriorityWithBoundedThreads() throws Exception {
    RunningProcess ffmpeg =
        assertTranscodeRunsAt(
            new ProcessPriority(13, ProcessPriority.Scheduler.BATCH, false),
            1,
            RunningProcess.SCHED_BATCH,
            13);
    assertThat(ffmpeg.session())
        .as("in the origin's session")
        .isEqualTo(RunningProcess.self().session());
    assertThat(ffmpeg.autogroup())
        .as("in the origin's autogroup")
        .isEqualTo(RunningProcess.self().autogroup());
  }

  @Test
  void transcode_runsFfmpegUnderSchedIdleInASessionOfItsOwn() throws Exception {
    // nice 1, not more: a higher nice starves the session's autogroup while other sessions are busy
    RunningProcess ffmpeg =
        assertTranscodeRunsAt(
            new ProcessPriority(1, ProcessPriority.Scheduler.IDLE, true),
            2,
            RunningProcess.SCHED_IDLE,
            1);
    assertThat(ffmpeg.session()).as("leads a session of its own").isEqualTo(ffmpeg.pid());
    assumeThat(RunningProcess.self().autogroup()).as("a kernel with autogroups").isNotEmpty();
    assertThat(ffmpeg.autogroup())
        .as("an autogroup of its own at nice 1")
        .endsWith(" nice 1")
        .isNotEqualTo(RunningProcess.self().autogroup());
  }

  /** Transcodes a 20-s source and looks at ffmpeg while it runs (ultrafast still takes a while). */
  private RunningProcess assertTranscodeRunsAt(
      ProcessPriority priority, int threads, int policy, int nice) throws Exception {
    Path source =
        SampleVideos.synthesize(
            ffmpeg, Path.of("target", "samples"), "priority-360p", 20, 640, 360);
    MediaInfo info = new Probe(ffmpeg).probe(source);
    Transcoder bounded =
        new Transcoder(ffmpeg, List.of(360, 240, 160), 2, "ultrafast", threads, priority);
    Path out = Files.createDirectory(dir.resolve("bounded"));
    CompletableFuture<List<Rendition>> done =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return bounded.transcode(source, info, out);
              } catch (MediaToolException e) {
                throw new CompletionException(e);
              }
            });
    AtomicReference<RunningProcess> running = new AtomicReference<>();
    Await.until(
        Duration.ofSeconds(120),
        "the ladder's ffmpeg running, or the transcode done",
        () -> {
          RunningProcess.find("ffmpeg")
              .filter(p -> p.arguments().contains("-filter_complex"))
              .ifPresent(running::set);
          return running.get() != null || done.isDone();
        });
    done.join();
    RunningProcess seen = running.get();
    assertThat(seen).as("ffmpeg seen running").isNotNull();
    assertThat(seen.nice()).as("nice, /proc/pid/stat field 19").isEqualTo(nice);
    assertThat(seen.policy()).as("scheduling policy, /proc/pid/stat field 41").isEqualTo(policy);
    String t = Integer.toString(threads);
    assertThat(String.join(" ", seen.arguments()))
        // the decoder's threads come before the input (with the input's protocol whitelist)
        .contains("-threads " + t + " -protocol_whitelist file,pipe -i ")
        .contains("-filter_complex_threads " + t)
        .contains("-threads " + t + " -c:a aac");
    assertThat(bounded.posterCommand(source, info, out))
        .containsSubsequence("-threads", t, "-i")
        .containsSubsequence("-filter_threads", t);
    return seen;
  }

  @Test
  void transcode_producesTheLadder() throws Exception {
    Path out = Files.createDirectory(dir.resolve("ladder"));
    List<Rendition> renditions =
        transcoder.transcode(TestVideos.tiny(), new Probe(ffmpeg).probe(TestVideos.tiny()), out);
    assertThat(renditions).extracting(Rendition::name).containsExactly("240p", "160p", "106p");
    assertThat(renditions).allSatisfy(r -> assertThat(r.bandwidth()).isPositive());
    LadderAssertions.assertLadder(out);
  }
}
