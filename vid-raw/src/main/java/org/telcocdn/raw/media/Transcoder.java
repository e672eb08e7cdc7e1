package org.telcocdn.raw.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one source into an adaptive HLS ladder of CMAF (fMP4) segments in one ffmpeg run, so the
 * source is decoded once and all renditions share keyframe positions: a keyframe is forced every
 * {@code segmentSeconds}, which makes every segment start with one and all renditions switchable at
 * the same boundaries. A source without audio gets a silent track, so every rendition has the same
 * shape ("avc1,mp4a") and players need no special case. Writes {@code poster.jpg} with a second,
 * short run.
 *
 * <p>Both runs share the host with the origin's serving: they run at {@code priority} and with at
 * most {@code threads} threads per ffmpeg stage (the decoder, the filter graph, each encoder; 0 =
 * ffmpeg's own choice, about 1.5 per core per encoder, 44 threads for a three-rung ladder on two
 * cores). See {@link ProcessPriority} and bench/origin-during-ingest.
 */
public final class Transcoder {
  private static final Logger log = LoggerFactory.getLogger(Transcoder.class);
  private static final String AUDIO_KBPS = "128k";

  private final Ffmpeg ffmpeg;
  private final List<Integer> heights;
  private final int segmentSeconds;
  private final String preset;
  private final int threads;
  private final ProcessPriority priority;

  public Transcoder(
      Ffmpeg ffmpeg,
      List<Integer> heights,
      int segmentSeconds,
      String preset,
      int threads,
      ProcessPriority priority) {
    if (threads < 0)
      throw new IllegalArgumentException(
          "threads must be 0 (ffmpeg's choice) or more, was " + threads);
    this.ffmpeg = ffmpeg;
    this.heights = List.copyOf(heights);
    this.segmentSeconds = segmentSeconds;
    this.preset = preset;
    this.threads = threads;
    this.priority = priority;
  }

  /** Transcodes {@code source} into the empty directory {@code out}; returns what was produced. */
  public List<Rendition> transcode(Path source, MediaInfo info, Path out)
      throws MediaToolException {
    List<Rung> plan = Ladder.plan(heights, info.width(), info.height());
    for (Rung rung : plan) createDirectory(out.resolve(rung.name()));
    run(ladderCommand(source, info, plan, out), timeout(info), "transcode");
    run(posterCommand(source, info, out), Duration.ofSeconds(60), "poster");
    try {
      return HlsOutput.finish(out, plan);
    } catch (IOException e) {
      throw new MediaToolException("ffmpeg output is incomplete: " + e.getMessage(), e);
    }
  }

  /** Generous: ultrafast 240p runs at 50x real time, veryfast 1080p on a small box near 1x. */
  static Duration timeout(MediaInfo info) {
    return Duration.ofSeconds(120 + (long) Math.ceil(info.durationSeconds() * 20));
  }

  List<String> ladderCommand(Path source, MediaInfo info, List<Rung> plan, Path out) {
    List<String> c =
        new ArrayList<>(
            List.of(
                ffmpeg.ffmpegPath().toString(),
                "-hide_banner",
                "-nostdin",
                "-y",
                "-loglevel",
                "warning"));
    c.addAll(threads("-threads")); // before -i: the decoder's
    c.addAll(List.of("-i", source.toAbsolutePath().toString()));
    if (!info.hasAudio()) {
      c.addAll(
          List.of(
              "-f",
              "lavfi",
              "-t",
              String.format(Locale.ROOT, "%.3f", info.durationSeconds()),
              "-i",
              "anullsrc=channel_layout=stereo:sample_rate=48000"));
    }
    c.addAll(threads("-filter_complex_threads"));
    c.addAll(List.of("-filter_complex", scaleFilter(plan)));
    for (int i = 0; i < plan.size(); i++) c.addAll(List.of("-map", "[v" + i + "]"));
    String audio = info.hasAudio() ? "0:a:0" : "1:a:0";
    for (int i = 0; i < plan.size(); i++) c.addAll(List.of("-map", audio));
    c.addAll(videoCodec(plan));
    c.addAll(threads("-threads")); // after the inputs: every encoder's
    c.addAll(List.of("-c:a", "aac", "-b:a", AUDIO_KBPS, "-ac", "2", "-ar", "48000"));
    c.addAll(hlsMuxer(plan, out));
    return c;
  }

  private static String scaleFilter(List<Rung> plan) {
    StringBuilder f = new StringBuilder("[0:v:0]split=" + plan.size());
    for (int i = 0; i < plan.size(); i++) f.append("[s").append(i).append(']');
    for (int i = 0; i < plan.size(); i++) {
      Rung r = plan.get(i);
      f.append(";[s")
          .append(i)
          .append("]scale=")
          .append(r.width())
          .append(':')
          .append(r.height())
          .append(",setsar=1[v")
          .append(i)
          .append(']');
    }
    return f.toString();
  }

  private List<String> videoCodec(List<Rung> plan) {
    List<String> c =
        new ArrayList<>(
            List.of(
                "-c:v",
                "libx264",
                "-preset",
                preset,
                "-pix_fmt",
                "yuv420p",
                "-sc_threshold",
                "0",
                "-force_key_frames",
                "expr:gte(t,n_forced*" + segmentSeconds + ")"));
    for (int i = 0; i < plan.size(); i++) {
      int kbps = plan.get(i).videoKbps();
      c.addAll(
          List.of(
              "-b:v:" + i,
              kbps + "k",
              "-maxrate:v:" + i,
              kbps * 11 / 10 + "k",
              "-bufsize:v:" + i,
              kbps * 2 + "k"));
    }
    return c;
  }

  private List<String> hlsMuxer(List<Rung> plan, Path out) {
    StringBuilder map = new StringBuilder();
    for (int i = 0; i < plan.size(); i++) {
      map.append(i == 0 ? "" : " ")
          .append("v:")
          .append(i)
          .append(",a:")
          .append(i)
          .append(",name:")
          .append(plan.get(i).name());
    }
    return List.of(
        "-f",
        "hls",
        "-hls_time",
        Integer.toString(segmentSeconds),
        "-hls_playlist_type",
        "vod",
        "-hls_segment_type",
        "fmp4",
        "-hls_flags",
        "independent_segments",
        "-start_number",
        "1",
        "-hls_fmp4_init_filename",
        "init.mp4",
        "-hls_segment_filename",
        out.resolve("%v").resolve("seg_%05d.m4s").toString(),
        "-master_pl_name",
        "master.m3u8",
        "-var_stream_map",
        map.toString(),
        out.resolve("%v").resolve("playlist.m3u8").toString());
  }

  List<String> posterCommand(Path source, MediaInfo info, Path out) {
    double at = Math.min(1.0, info.durationSeconds() / 2);
    int height = Math.min(720, info.height() - info.height() % 2);
    List<String> c =
        new ArrayList<>(
            List.of(
                ffmpeg.ffmpegPath().toString(),
                "-hide_banner",
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-ss",
                String.format(Locale.ROOT, "%.3f", at)));
    c.addAll(threads("-threads"));
    c.addAll(List.of("-i", source.toAbsolutePath().toString(), "-frames:v", "1"));
    c.addAll(threads("-filter_threads"));
    c.addAll(threads("-threads"));
    c.addAll(
        List.of("-vf", "scale=-2:" + height, "-q:v", "3", out.resolve("poster.jpg").toString()));
    return c;
  }

  /** {@code option threads}, or nothing when ffmpeg is to choose. */
  private List<String> threads(String option) {
    return threads == 0 ? List.of() : List.of(option, Integer.toString(threads));
  }

  private void run(List<String> command, Duration timeout, String what) throws MediaToolException {
    long started = System.nanoTime();
    ChildProcess.Result result;
    try {
      result = ChildProcess.run(command, priority, timeout);
    } catch (IOException | ChildProcess.ProcessTimeoutException e) {
      throw new MediaToolException("ffmpeg " + what + " failed: " + e.getMessage(), e);
    }
    if (!result.ok()) {
      throw new MediaToolException(
          "ffmpeg " + what + " exited with " + result.exitCode() + ": " + result.stderrTail());
    }
    log.info("ffmpeg {} took {} ms", what, (System.nanoTime() - started) / 1_000_000);
  }

  private static void createDirectory(Path dir) throws MediaToolException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new MediaToolException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }
}
