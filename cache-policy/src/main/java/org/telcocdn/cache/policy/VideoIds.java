package org.telcocdn.cache.policy;

/**
 * Numeric object ids for segments, as the trace generator writes them, so that the binary and text
 * trace formats (which carry a 64-bit id) keep the video structure:
 *
 * <pre>
 *   bits 63..48  tag 0x7C0D (an id without it is a plain object)
 *   bits 47..24  title
 *   bits 23..20  rendition
 *   bits 19..0   segment index
 * </pre>
 *
 * A random 64-bit id of a general trace carries the tag with probability 1/65536; it is then
 * grouped with unrelated ids, which only blurs its popularity estimate.
 */
public final class VideoIds {
  private static final long TAG = 0x7C0DL;

  private VideoIds() {}

  public static long pack(int title, int rendition, int index) {
    return TAG << 48
        | (long) (title & 0xFFFFFF) << 24
        | (long) (rendition & 0xF) << 20
        | (index & 0xFFFFF);
  }

  public static boolean isSegment(long id) {
    return id >>> 48 == TAG;
  }

  /**
   * The title of a segment id (the simulators' per-title bookkeeping), without a {@link
   * SegmentKey}.
   */
  public static int title(long id) {
    return (int) (id >>> 24) & 0xFFFFFF;
  }

  public static SegmentKey shape(long id) {
    if (!isSegment(id)) return SegmentKey.plain(Hashes.mix(id));
    return new SegmentKey((id >>> 24) & 0xFFFFFF, (int) (id >>> 20) & 0xF, (int) id & 0xFFFFF);
  }

  /** The shape for simulator keys. */
  public static final SegmentShape<Long> SHAPE = VideoIds::shape;
}
