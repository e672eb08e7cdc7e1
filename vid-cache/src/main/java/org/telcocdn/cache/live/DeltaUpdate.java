package org.telcocdn.cache.live;

import java.nio.charset.StandardCharsets;
import org.telcocdn.protocol.origin.LivePlaylistReply;

/**
 * The playlist an edge answers for an {@code _HLS_skip} directive (RFC 8216bis section 6.2.5.1).
 * The origin renders every update twice, whole and as a Playlist Delta Update, in the one reply a
 * feed keeps, so a skip request and a whole one are answered from the same state and never from
 * each other's text, and delta updates cost no upstream request of their own.
 */
public final class DeltaUpdate {
  private static final String SKIP_TAG = "#EXT-X-SKIP:SKIPPED-SEGMENTS=";

  private DeltaUpdate() {}

  /**
   * The whole playlist for {@link BlockingReload.Skip#NO}, or one from an origin that offers no
   * delta updates (its playlist has no {@code CAN-SKIP-UNTIL}: the directive is ignored, as the
   * section requires); else the delta update, with {@code RECENTLY-REMOVED-DATERANGES=""} for
   * {@code v2} (section 4.4.5.2: required when date ranges may be skipped; these playlists have
   * none, so none was removed).
   */
  public static byte[] answer(LivePlaylistReply reply, BlockingReload.Skip skip) {
    if (skip == BlockingReload.Skip.NO || reply.getDeltaPlaylist().isEmpty())
      return reply.getPlaylist().toByteArray();
    if (skip == BlockingReload.Skip.YES) return reply.getDeltaPlaylist().toByteArray();
    String delta = reply.getDeltaPlaylist().toString(StandardCharsets.UTF_8);
    int at = delta.indexOf(SKIP_TAG);
    if (at < 0) return delta.getBytes(StandardCharsets.UTF_8);
    int end = delta.indexOf('\n', at);
    return (delta.substring(0, end) + ",RECENTLY-REMOVED-DATERANGES=\"\"" + delta.substring(end))
        .getBytes(StandardCharsets.UTF_8);
  }
}
