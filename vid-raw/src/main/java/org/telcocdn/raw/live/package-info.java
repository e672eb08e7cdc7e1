/**
 * Live channels (issue 17, docs/live.md): a real-time ffmpeg per channel writes one fragmented MP4
 * (CMAF) stream per rendition; this package cuts it into LL-HLS parts and segments and keeps a DVR
 * window in memory.
 *
 * <ul>
 *   <li>{@link org.telcocdn.raw.live.BoxStream}, {@link org.telcocdn.raw.live.InitSegment}, {@link
 *       org.telcocdn.raw.live.Fragment}: the ISO BMFF boxes read off the encoder's pipe.
 *   <li>{@link org.telcocdn.raw.live.LiveTrack}: one rendition's window of segments and parts, and
 *       the requests waiting for the next ones; {@link org.telcocdn.raw.live.MediaPlaylist} renders
 *       it.
 *   <li>{@link org.telcocdn.raw.live.LiveEncoder}: the ffmpeg process and its pipes; {@link
 *       org.telcocdn.raw.live.LiveChannel} a channel, {@link org.telcocdn.raw.live.LiveChannels}
 *       all of them.
 * </ul>
 */
package org.telcocdn.raw.live;
