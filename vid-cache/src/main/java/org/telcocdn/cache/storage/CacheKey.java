package org.telcocdn.cache.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One cached object: a video and a path inside it. Both come from {@code PathSegments}, so neither
 * can name a parent directory; on disk the path is still only used through its hash, so a file name
 * never depends on what a client typed.
 */
public record CacheKey(String videoId, String path) {

  /** The object's file name inside its video's directory: SHA-256 of the path, hex. */
  public String fileName() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Playlists change meaning with every invalidation and are tiny; players re-poll them. */
  public boolean isPlaylist() {
    return path.endsWith(".m3u8") || path.endsWith(".mpd");
  }

  @Override
  public String toString() {
    return videoId + "/" + path;
  }
}
