package org.telcocdn.raw.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every object of one video, computed once when the video is committed and kept
 * beside its objects in {@value #FILE}, in the format of {@code sha256sum} ({@code HEX␣␣PATH}, one
 * line per object), so {@code cd videos/ID && sha256sum -c .sha256sums} checks a store by hand. The
 * origin sends these digests to edges ({@code ObjectInfo.sha256}, {@code Origin.Manifest}); serving
 * never hashes a file. Names starting with a dot are not objects ({@link VideoStore} refuses them),
 * so neither this file nor any other bookkeeping beside the objects is ever served.
 */
public record HashManifest(Map<String, byte[]> sha256ByPath) {
  public static final String FILE = ".sha256sums";
  private static final HexFormat HEX = HexFormat.of();

  public HashManifest {
    sha256ByPath = Map.copyOf(sha256ByPath);
  }

  public Optional<byte[]> sha256(String path) {
    return Optional.ofNullable(sha256ByPath.get(path));
  }

  /**
   * Hashes every object under {@code videoDir} (regular files; dot-names and links are not
   * objects).
   */
  static HashManifest compute(Path videoDir) throws IOException {
    Map<String, byte[]> digests = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(videoDir)) {
      for (Path file :
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        String path = objectPath(videoDir, file);
        if (path != null) digests.put(path, sha256(file));
      }
    }
    return new HashManifest(digests);
  }

  /**
   * Writes {@value #FILE} into {@code videoDir}; the caller syncs (the commit syncs the whole
   * tree).
   */
  void writeTo(Path videoDir) throws IOException {
    Files.write(videoDir.resolve(FILE), text().getBytes(StandardCharsets.UTF_8));
  }

  String text() {
    StringBuilder lines = new StringBuilder();
    new TreeMap<>(sha256ByPath)
        .forEach(
            (path, sha) -> lines.append(HEX.formatHex(sha)).append("  ").append(path).append('\n'));
    return lines.toString();
  }

  /**
   * The manifest kept beside the objects, or empty for a video committed before manifests existed.
   */
  static Optional<HashManifest> read(Path videoDir) throws IOException {
    Path file = videoDir.resolve(FILE);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
    Map<String, byte[]> digests = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      int gap = line.indexOf("  ");
      if (gap != 64)
        throw new IOException(file + " has a line that is not 'SHA256  PATH': " + line);
      digests.put(line.substring(gap + 2), HEX.parseHex(line, 0, 64));
    }
    return Optional.of(new HashManifest(digests));
  }

  private static String objectPath(Path videoDir, Path file) {
    Path relative = videoDir.relativize(file);
    for (Path part : relative) {
      if (part.toString().startsWith(".")) return null;
    }
    return relative.toString().replace('\\', '/');
  }

  static byte[] sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
