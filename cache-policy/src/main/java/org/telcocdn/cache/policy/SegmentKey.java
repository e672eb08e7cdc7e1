package org.telcocdn.cache.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cache key says about video: the title, the rendition and the segment's index, or only an
 * object identity ({@code index < 0}) for anything else (playlists, init segments, non-video
 * objects).
 *
 * @param title a hash of the title (video id)
 * @param rendition a small number per rendition of the title, 0 when unknown
 * @param index the segment's position in the title from 0 (a session's start), or -1 for an object
 *     that is not a segment
 */
public record SegmentKey(long title, int rendition, int index) {
  private static final Pattern SEGMENT =
      Pattern.compile("(?:.*/)?([^/]+)/[^/]*?(\\d+)\\.(?:m4s|ts|mp4|cmfv|cmfa)$");

  /**
   * vid-raw's ladder numbers segment files from 1 ({@code ffmpeg -start_number 1}, as the
   * playlists' media sequence), while a position counts from 0, the segment every session starts
   * with.
   */
  static final int FIRST_SEGMENT_NUMBER = 1;

  /** A plain object: its own "title", so nothing is shared with other objects. */
  private static final Pattern HEIGHT = Pattern.compile("\\d{3,4}");

  private static final int[] HEIGHTS = {240, 360, 480, 720, 1080, 1440, 2160};

  public static SegmentKey plain(long identity) {
    return new SegmentKey(identity, 0, -1);
  }

  public boolean isSegment() {
    return index >= 0;
  }

  /**
   * Parses an edge path such as {@code 720p/seg_00042.m4s} of {@code videoId} (position 41); other
   * paths are plain objects named by their full key. A file numbered 0 (an origin that counts from
   * 0) is taken as position 0 too.
   */
  public static SegmentKey parse(String videoId, String path) {
    Matcher m = SEGMENT.matcher(path);
    long title = Hashes.of(videoId);
    if (!m.matches()) return plain(Hashes.mix(title ^ Hashes.of(path)));
    int position = Math.max(0, Integer.parseInt(m.group(2)) - FIRST_SEGMENT_NUMBER);
    return new SegmentKey(title, rendition(m.group(1)), position);
  }

  /**
   * A rendition's number: the ladder step of its height ({@code 240p} is 1 ... {@code 2160p} is 7),
   * or a hash into 8..15 for names without one. Renditions of one title must differ; across titles
   * the number only selects the learned rendition mix.
   */
  static int rendition(String name) {
    Matcher digits = HEIGHT.matcher(name);
    if (digits.find()) {
      int height = Integer.parseInt(digits.group());
      for (int step = 0; step < HEIGHTS.length; step++)
        if (height <= HEIGHTS[step]) return step + 1;
    }
    return 8 + Math.floorMod(name.hashCode(), 8);
  }

  /** Identity of this object. */
  long objectHash() {
    return objectHash(title, rendition, index);
  }

  static long objectHash(long title, int rendition, int index) {
    return Hashes.mix(title * 0x9E3779B97F4A7C15L + rendition * 1_000_003L + index);
  }
}
