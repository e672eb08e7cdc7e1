package org.telcocdn.raw.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.raw.media.MediaInfo;

/**
 * What the origin accepts as an upload, checked on ffprobe's description before any transcoding
 * (docs/security.md, "Limits against hostile clients"): a container of the allow-list (ffprobe's
 * demuxer names: an HLS playlist, a concat list or an image sequence, which make ffmpeg open other
 * files or URLs, are not on it), at most {@code maxDuration} long, at most {@code maxLongSide} by
 * {@code maxShortSide} pixels in either orientation, and a store that stays within {@code
 * storeMaxBytes}. ffprobe and ffmpeg themselves only open local files ({@code -protocol_whitelist
 * file,pipe}).
 */
public record UploadRules(
    Set<String> containers,
    Duration maxDuration,
    int maxLongSide,
    int maxShortSide,
    long storeMaxBytes) {
  public static final String DEFAULT_CONTAINERS = "mov,mp4,matroska,webm,mpegts,avi";

  /** A feature film with room to spare; a 4-hour upload transcodes for hours on a small origin. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(4);

  /**
   * UHD: the ladder's top rung is 1080p, and decoding more than UHD costs a small origin minutes
   * per minute.
   */
  public static final String DEFAULT_MAX_RESOLUTION = "3840x2160";

  public static final long DEFAULT_STORE_MAX_BYTES = 100L << 30;

  public UploadRules {
    containers = Set.copyOf(containers);
  }

  public static UploadRules from(Settings s) {
    String resolution = s.string("origin.limits.max-resolution", DEFAULT_MAX_RESOLUTION);
    int[] sides = sides(resolution);
    return new UploadRules(
        Arrays.stream(s.string("origin.limits.containers", DEFAULT_CONTAINERS).split(","))
            .map(c -> c.strip().toLowerCase(Locale.ROOT))
            .filter(c -> !c.isEmpty())
            .collect(Collectors.toSet()),
        s.duration("origin.limits.max-duration", DEFAULT_MAX_DURATION),
        sides[0],
        sides[1],
        s.bytes("origin.limits.store-max-bytes", DEFAULT_STORE_MAX_BYTES, 1));
  }

  /**
   * Whether one of ffprobe's names for the demuxer ({@code "mov,mp4,m4a,3gp,3g2,mj2"}) is allowed.
   */
  public boolean allows(String formatNames) {
    return Arrays.stream(formatNames.toLowerCase(Locale.ROOT).split(","))
        .map(String::strip)
        .anyMatch(containers::contains);
  }

  /** Refuses (422) a source too long or too large. */
  public void check(MediaInfo info) {
    if (info.durationSeconds() > maxDuration.toSeconds()) {
      throw new ApiException(
          422,
          "too_long",
          "the video lasts "
              + Math.round(info.durationSeconds())
              + " s; the most is "
              + maxDuration.toSeconds()
              + " s (origin.limits.max-duration)");
    }
    int longSide = Math.max(info.width(), info.height());
    int shortSide = Math.min(info.width(), info.height());
    if (longSide > maxLongSide || shortSide > maxShortSide) {
      throw new ApiException(
          422,
          "too_large",
          "the video is "
              + info.width()
              + "x"
              + info.height()
              + "; the most is "
              + maxLongSide
              + "x"
              + maxShortSide
              + " in either orientation (origin.limits.max-resolution)");
    }
  }

  /** Refuses (507) an ingest that would take the store over its budget. */
  public void checkStore(long usedBytes, long adding) {
    if (usedBytes + adding > storeMaxBytes) {
      throw new ApiException(
          507,
          "store_full",
          "the origin's store holds "
              + usedBytes
              + " bytes and this video "
              + adding
              + " more; the budget is "
              + storeMaxBytes
              + " (origin.limits.store-max-bytes)");
    }
  }

  public List<String> sortedContainers() {
    return containers.stream().sorted().toList();
  }

  private static int[] sides(String value) {
    String[] parts = value.toLowerCase(Locale.ROOT).split("x");
    try {
      int a = Integer.parseInt(parts[0].strip());
      int b = Integer.parseInt(parts[1].strip());
      if (parts.length != 2 || a < 16 || b < 16) throw new NumberFormatException();
      return new int[] {Math.max(a, b), Math.min(a, b)};
    } catch (RuntimeException e) {
      throw new ConfigException(
          "origin.limits.max-resolution must be WIDTHxHEIGHT such as 3840x2160, was '"
              + value
              + "'");
    }
  }
}
