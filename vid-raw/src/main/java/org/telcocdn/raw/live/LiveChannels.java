package org.telcocdn.raw.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.video.LiveChannelId;
import org.telcocdn.raw.OriginConfig;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.Ladder;
import org.telcocdn.raw.media.MediaInfo;
import org.telcocdn.raw.media.Rung;

/**
 * The origin's live channels: started, listed, stopped. At most {@code origin.live.max-channels}
 * run at once (each is a real-time encoder: the host's cores bound them, not memory). Each
 * channel's FIFOs, encoder log and uploaded source live in {@code {dir}/{id}/}, removed when it
 * stops.
 */
public final class LiveChannels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveChannels.class);

  /** Refused: as many channels as allowed run already. */
  public static final class Full extends RuntimeException {
    Full(String message) {
      super(message);
    }
  }

  /** The encoder did not produce a first part of every rendition in time. */
  public static final class EncoderFailed extends RuntimeException {
    EncoderFailed(String message) {
      super(message);
    }
  }

  private final Ffmpeg ffmpeg;
  private final OriginConfig.Live config;
  private final Path dir;
  private final ConcurrentMap<String, LiveChannel> channels = new ConcurrentHashMap<>();

  public LiveChannels(Ffmpeg ffmpeg, OriginConfig.Live config, Path dir) {
    this.ffmpeg = ffmpeg;
    this.config = config;
    this.dir = dir;
  }

  /**
   * Starts a channel from {@code source} (a file it loops; null: the test source) and returns it
   * once every rendition has its first part, so its play URL works at once. {@code source} is moved
   * into the channel's directory.
   */
  public LiveChannel start(String name, Path source, MediaInfo info) throws IOException {
    String id = LiveChannelId.next();
    synchronized (channels) {
      if (channels.size() >= config.maxChannels())
        throw new Full(
            config.maxChannels() + " live channels run already (origin.live.max-channels)");
      List<Rung> rungs = rungs(info);
      LiveChannel channel =
          new LiveChannel(
              id,
              name,
              source == null ? "test" : "file",
              rungs,
              config.segmentSeconds(),
              config.partMillis(),
              config.windowSeconds());
      channels.put(id, channel);
      try {
        Path channelDir = dir.resolve(id);
        Path kept = null;
        if (source != null) {
          Files.createDirectories(channelDir);
          kept = Files.move(source, channelDir.resolve("source"));
        }
        channel.start(
            new EncoderCommand(
                ffmpeg.ffmpegPath().toString(),
                rungs,
                config.segmentSeconds(),
                config.partMillis(),
                config.x264Preset(),
                kept,
                info,
                0),
            channelDir);
      } catch (IOException | RuntimeException e) {
        stop(id);
        throw e;
      }
    }
    awaitPlayable(channels.get(id));
    log.info("live {} '{}' started: {}", id, name, channels.get(id).info().renditions());
    return channels.get(id);
  }

  private void awaitPlayable(LiveChannel channel) {
    long deadline = System.nanoTime() + Duration.ofSeconds(config.startSeconds()).toNanos();
    while (!channel.playable()) {
      if (System.nanoTime() > deadline) {
        stop(channel.id());
        throw new EncoderFailed(
            "the live encoder produced no part within " + config.startSeconds() + " s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(channel.id());
        throw new EncoderFailed("interrupted while the encoder started");
      }
    }
  }

  /** The configured heights at or below the source's (never upscaled), 16:9 for the test source. */
  List<Rung> rungs(MediaInfo info) {
    int srcW = info == null ? 16 : info.width();
    int srcH = info == null ? 9 : info.height();
    List<Rung> rungs = new ArrayList<>();
    for (int h : config.renditions()) {
      if (info != null && h > srcH) continue;
      rungs.add(rung(h, srcW, srcH));
    }
    if (rungs.isEmpty()) rungs.add(rung(srcH - srcH % 2, srcW, srcH));
    return rungs;
  }

  private static Rung rung(int height, int srcW, int srcH) {
    int width = (int) Math.round((double) srcW * height / srcH);
    width -= width % 2;
    return new Rung(height + "p", width, height, Ladder.kbps(height));
  }

  public Optional<LiveChannel> find(String id) {
    return Optional.ofNullable(channels.get(id));
  }

  public List<LiveChannel> all() {
    return channels.values().stream()
        .sorted(Comparator.comparing(c -> c.info().startedAt()))
        .toList();
  }

  /** Stops and forgets the channel; false when there is none. */
  public boolean stop(String id) {
    return end(id).isPresent();
  }

  /**
   * Stops and forgets the channel, and returns it: its tracks keep what they hold (its DVR window,
   * for {@link DvrRecording}) until it is dropped.
   */
  public Optional<LiveChannel> end(String id) {
    LiveChannel channel = channels.remove(id);
    if (channel == null) return Optional.empty();
    channel.close();
    deleteTree(dir.resolve(id));
    log.info("live {} stopped", id);
    return Optional.of(channel);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("cannot remove {}: {}", root, e.toString());
    }
  }

  @Override
  public void close() {
    List.copyOf(channels.keySet()).forEach(this::stop);
  }
}
