package org.telcocdn.raw.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.telcocdn.raw.media.MediaInfo;
import org.telcocdn.raw.media.Rung;

/**
 * The live encoder's ffmpeg command: one real-time input ({@code -re}: a file looped forever, or
 * lavfi's {@code testsrc2} and a sine tone), decoded once, scaled to every rung, each rung encoded
 * with its own audio into fragmented MP4 on its own pipe. As in the VOD ladder (Transcoder),
 * keyframes are forced every segment duration and nowhere else ({@code -sc_threshold 0}), so every
 * rendition switches at the same boundaries; unlike it, x264 runs with {@code -tune zerolatency}
 * (no B-frames, no look-ahead: a frame leaves the encoder as soon as it is encoded) and the muxer
 * cuts a fragment every part duration ({@code -frag_duration}) and at every keyframe ({@code
 * frag_keyframe}), writing it at once ({@code -flush_packets 1}).
 *
 * <p>{@code limitSeconds} &gt; 0 makes a bounded run as fast as ffmpeg can (no {@code -re}): what
 * the packager's tests read; a channel runs with 0, in real time, until stopped.
 *
 * <p>The bundled ffmpeg has no {@code drawtext} (no FreeType), so the wall-clock time is not burned
 * into the test picture; latency is measured with {@code EXT-X-PROGRAM-DATE-TIME} (docs/live.md).
 */
record EncoderCommand(
    String ffmpeg,
    List<Rung> rungs,
    int segmentSeconds,
    int partMillis,
    String preset,
    Path source,
    MediaInfo sourceInfo,
    int limitSeconds) {
  static final int FRAME_RATE = 30;
  static final String AUDIO_KBPS = "96k";

  List<String> build(List<Path> pipes) {
    List<String> c =
        new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
    String audio = inputs(c);
    c.addAll(List.of("-filter_complex", filter()));
    for (int i = 0; i < rungs.size(); i++) output(c, i, audio, pipes.get(i));
    return c;
  }

  /** Adds the inputs; returns the audio stream to map. */
  private String inputs(List<String> c) {
    Rung top = rungs.getFirst();
    if (source == null) {
      realTime(c);
      c.addAll(
          List.of(
              "-f",
              "lavfi",
              "-i",
              "testsrc2=size=" + top.width() + "x" + top.height() + ":rate=" + FRAME_RATE));
      realTime(c);
      c.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:beep_factor=4:sample_rate=48000"));
      return "1:a:0";
    }
    realTime(c);
    c.addAll(
        List.of(
            "-stream_loop",
            "-1",
            "-protocol_whitelist",
            "file,pipe",
            "-i",
            source.toAbsolutePath().toString()));
    if (sourceInfo != null && sourceInfo.hasAudio()) return "0:a:0";
    c.addAll(List.of("-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"));
    return "1:a:0";
  }

  /** Reads the next input at its native rate: a live channel, not a bounded test run. */
  private void realTime(List<String> c) {
    if (limitSeconds == 0) c.add("-re");
  }

  private String filter() {
    StringBuilder f = new StringBuilder("[0:v:0]fps=" + FRAME_RATE + ",split=" + rungs.size());
    for (int i = 0; i < rungs.size(); i++) f.append("[s").append(i).append(']');
    for (int i = 0; i < rungs.size(); i++) {
      Rung r = rungs.get(i);
      f.append(
          String.format(
              Locale.ROOT,
              ";[s%d]scale=%d:%d,setsar=1,format=yuv420p[v%d]",
              i,
              r.width(),
              r.height(),
              i));
    }
    return f.toString();
  }

  private void output(List<String> c, int i, String audio, Path pipe) {
    int kbps = rungs.get(i).videoKbps();
    int gop = segmentSeconds * FRAME_RATE;
    if (limitSeconds > 0) c.addAll(List.of("-t", Integer.toString(limitSeconds)));
    c.addAll(
        List.of(
            "-map",
            "[v" + i + "]",
            "-map",
            audio,
            "-c:v",
            "libx264",
            "-preset",
            preset,
            "-tune",
            "zerolatency",
            "-profile:v",
            "main",
            "-g",
            Integer.toString(gop),
            "-keyint_min",
            Integer.toString(gop),
            "-sc_threshold",
            "0",
            "-force_key_frames",
            "expr:gte(t,n_forced*" + segmentSeconds + ")",
            "-b:v",
            kbps + "k",
            "-maxrate",
            kbps * 11 / 10 + "k",
            "-bufsize",
            kbps + "k",
            "-c:a",
            "aac",
            "-b:a",
            AUDIO_KBPS,
            "-ac",
            "2",
            "-ar",
            "48000",
            "-f",
            "mp4",
            "-movflags",
            "frag_keyframe+empty_moov+default_base_moof",
            "-frag_duration",
            Long.toString(partMillis * 1000L),
            "-flush_packets",
            "1",
            pipe.toString()));
  }
}
