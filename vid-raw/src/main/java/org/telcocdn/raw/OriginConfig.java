package org.telcocdn.raw;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.ConnectionLimits;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.raw.ingest.UploadRules;
import org.telcocdn.raw.media.ProcessPriority;
import org.telcocdn.raw.media.ProcessPriority.Scheduler;

/**
 * The origin's configuration (docs/configuration.md). {@code ffmpeg}/{@code ffprobe} are "bundled"
 * (the binaries inside the bytedeco jar) or paths; {@code renditions} are heights, largest first;
 * {@code transcode} is how transcodes share the host with serving. {@code port} is vid-raw's only
 * HTTP listener, a control listener (mutual TLS, operators' ingest).
 */
public record OriginConfig(
    String host,
    int port,
    int grpcPort,
    Path storeDir,
    String metadataUrl,
    String ffmpeg,
    String ffprobe,
    int segmentSeconds,
    List<Integer> renditions,
    String x264Preset,
    long maxUploadBytes,
    int chunkBytes,
    Transcode transcode,
    SecurityConfig security,
    ConnectionLimits limits,
    UploadRules uploads,
    Live live) {

  /** With the default limits and live settings. */
  public OriginConfig(
      String host,
      int port,
      int grpcPort,
      Path storeDir,
      String metadataUrl,
      String ffmpeg,
      String ffprobe,
      int segmentSeconds,
      List<Integer> renditions,
      String x264Preset,
      long maxUploadBytes,
      int chunkBytes,
      Transcode transcode,
      SecurityConfig security) {
    this(
        host,
        port,
        grpcPort,
        storeDir,
        metadataUrl,
        ffmpeg,
        ffprobe,
        segmentSeconds,
        renditions,
        x264Preset,
        maxUploadBytes,
        chunkBytes,
        transcode,
        security,
        ConnectionLimits.defaults(ConnectionLimits.CONTROL_MAX_CONNECTIONS),
        UploadRules.from(Settings.of(java.util.Map.of())),
        Live.from(Settings.of(java.util.Map.of())));
  }

  /**
   * Live channels (docs/live.md).
   *
   * @param renditions heights of the live ladder, largest first ({@code origin.live.renditions})
   * @param segmentSeconds segment (and keyframe interval) length ({@code
   *     origin.live.segment-seconds})
   * @param partMillis part length: the encoder cuts a fragment this often ({@code
   *     origin.live.part-millis})
   * @param windowSeconds the DVR window a playlist lists ({@code origin.live.window-seconds})
   * @param x264Preset the live encoder's preset ({@code origin.live.x264-preset}); it must keep
   *     real time on the host
   * @param maxChannels channels at once ({@code origin.live.max-channels})
   * @param startSeconds how long a new channel's encoder has for its first part ({@code
   *     origin.live.start-seconds})
   */
  public record Live(
      List<Integer> renditions,
      int segmentSeconds,
      int partMillis,
      int windowSeconds,
      String x264Preset,
      int maxChannels,
      int startSeconds) {
    public Live {
      renditions = List.copyOf(renditions);
      if (renditions.isEmpty())
        throw new ConfigException("origin.live.renditions must name at least one height");
      if (!PRESETS.contains(x264Preset))
        throw new ConfigException(
            "origin.live.x264-preset must be one of " + PRESETS + ", was '" + x264Preset + "'");
    }

    public static Live from(Settings s) {
      return new Live(
          heights(s.string("origin.live.renditions", "480,240"), "origin.live.renditions"),
          s.intValue("origin.live.segment-seconds", 2, 1, 6),
          s.intValue("origin.live.part-millis", 333, 100, 1000),
          s.intValue("origin.live.window-seconds", 120, 10, 3600),
          s.string("origin.live.x264-preset", "ultrafast"),
          s.intValue("origin.live.max-channels", 4, 0, 64),
          s.intValue("origin.live.start-seconds", 20, 1, 300));
    }
  }

  /**
   * Half of what edges accept per message (OriginChannels.MAX_MESSAGE_BYTES), leaving room for
   * framing.
   */
  static final int MAX_CHUNK_BYTES = 4 << 20;

  private static final List<String> PRESETS =
      List.of(
          "ultrafast",
          "superfast",
          "veryfast",
          "faster",
          "fast",
          "medium",
          "slow",
          "slower",
          "veryslow");

  public OriginConfig {
    renditions = List.copyOf(renditions);
    if (renditions.isEmpty())
      throw new ConfigException("origin.renditions must name at least one height");
    if (!PRESETS.contains(x264Preset))
      throw new ConfigException(
          "origin.x264-preset must be one of " + PRESETS + ", was '" + x264Preset + "'");
    if (chunkBytes > MAX_CHUNK_BYTES)
      throw new ConfigException(
          "origin.chunk-bytes must be at most "
              + MAX_CHUNK_BYTES
              + " (edges accept 8 MiB messages), was "
              + chunkBytes);
    while (metadataUrl.endsWith("/"))
      metadataUrl = metadataUrl.substring(0, metadataUrl.length() - 1);
  }

  /**
   * How ffmpeg shares the host with the serving threads (bench/origin-during-ingest measured it).
   *
   * @param nice nice value of ffmpeg and ffprobe, 0 to 19, and of their autogroup with {@code
   *     ownSession} ({@code origin.transcode.nice})
   * @param scheduler their Linux scheduling policy ({@code origin.transcode.scheduler})
   * @param ownSession whether they run in a session, hence an autogroup, of their own ({@code
   *     origin.transcode.own-session})
   * @param threads threads per ffmpeg stage, 0 = ffmpeg's choice ({@code origin.transcode.threads})
   * @param concurrency transcodes at once ({@code origin.transcode.concurrency})
   * @param backlog ingests admitted beyond those transcoding, uploading or waiting; more get 503
   *     ({@code origin.transcode.backlog})
   */
  public record Transcode(
      int nice,
      Scheduler scheduler,
      boolean ownSession,
      int threads,
      int concurrency,
      int backlog) {
    /**
     * ffmpeg's threads under SCHED_IDLE in a session (autogroup) of their own at nice 0: of the
     * policies bench/origin-during-ingest compared on this shared 2-core machine, the only one that
     * kept the origin's misses during a transcode near its misses without one (bench/README.md). A
     * higher nice starves transcodes whenever other sessions are busy: the test transcode took 324
     * s instead of 5 s with its autogroup at nice 17 and a load average of 22.
     */
    public static final int DEFAULT_NICE = 0;

    public static final Scheduler DEFAULT_SCHEDULER = Scheduler.IDLE;
    public static final boolean DEFAULT_OWN_SESSION = true;

    /** One core's worth of threads fewer than the host has, at least one. */
    public static int defaultThreads() {
      return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    public ProcessPriority priority() {
      return new ProcessPriority(nice, scheduler, ownSession);
    }

    static Transcode from(Settings s) {
      String scheduler = s.string("origin.transcode.scheduler", DEFAULT_SCHEDULER.configName());
      return new Transcode(
          s.intValue("origin.transcode.nice", DEFAULT_NICE, 0, 19),
          Scheduler.named(scheduler)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "origin.transcode.scheduler must be normal, batch or idle, was '"
                              + scheduler
                              + "'")),
          s.bool("origin.transcode.own-session", DEFAULT_OWN_SESSION),
          s.intValue("origin.transcode.threads", defaultThreads(), 0, 256),
          s.intValue("origin.transcode.concurrency", 1, 1, 64),
          s.intValue("origin.transcode.backlog", 3, 0, 1000));
    }
  }

  public static OriginConfig from(Settings s) {
    OriginConfig config =
        new OriginConfig(
            s.string("origin.host", "127.0.0.1"),
            s.port("origin.port", 8090),
            s.port("origin.grpc-port", 9090),
            s.path("origin.store-dir", ".cdn/data/origin"),
            s.string("origin.metadata-url", "https://127.0.0.1:7081"),
            s.string("origin.ffmpeg", "bundled"),
            s.string("origin.ffprobe", "bundled"),
            s.intValue("origin.segment-seconds", 2, 1, 30),
            heights(s.string("origin.renditions", "1080,720,480,360"), "origin.renditions"),
            s.string("origin.x264-preset", "veryfast"),
            s.bytes("origin.max-upload-bytes", 4L << 30, 1),
            (int) Math.min(Integer.MAX_VALUE, s.bytes("origin.chunk-bytes", 64 << 10, 1024)),
            Transcode.from(s),
            SecurityConfig.from(s),
            ConnectionLimits.from(s, "origin", ConnectionLimits.CONTROL_MAX_CONNECTIONS),
            UploadRules.from(s),
            Live.from(s));
    s.logValues("vid-raw");
    return config;
  }

  private static List<Integer> heights(String value, String key) {
    try {
      List<Integer> heights =
          Arrays.stream(value.split(","))
              .map(String::trim)
              .filter(v -> !v.isEmpty())
              .map(Integer::parseInt)
              .toList();
      if (heights.stream().anyMatch(h -> h < 16 || h > 4320)) throw new NumberFormatException();
      return heights;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key
              + " must be heights between 16 and 4320 such as 1080,720,480,360, was '"
              + value
              + "'");
    }
  }
}
