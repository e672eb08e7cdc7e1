package org.telcocdn.raw.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.video.VideoId;

/**
 * The origin's video files: {@code {root}/videos/{id}/{object path}}. A video is written in {@code
 * {root}/staging/{random}} and appears with one atomic rename of the whole directory, so a reader
 * (an edge fetching the master playlist) never sees half a ladder, and an ingest killed midway
 * leaves only a staging directory (and maybe a partial upload in {@code uploads/}), which the next
 * start deletes. Removal runs the same way in reverse: rename out of {@code videos/} first, then
 * delete.
 *
 * <p>Object paths come from the network, so resolving one refuses ids outside the id pattern,
 * absolute paths, empty, {@code .} and {@code ..} segments, and anything whose real path (after
 * symbolic links) is outside the video's directory.
 */
public final class VideoStore {
  private static final Logger log = LoggerFactory.getLogger(VideoStore.class);

  private final Path videos;
  private final Path staging;
  private final Path uploads;

  public VideoStore(Path root) {
    try {
      Path real = Files.createDirectories(root).toRealPath();
      this.videos = Files.createDirectories(real.resolve("videos"));
      this.staging = Files.createDirectories(real.resolve("staging"));
      this.uploads = Files.createDirectories(real.resolve("uploads"));
      deleteLeftovers(staging);
      deleteLeftovers(uploads);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the video store at " + root, e);
    }
  }

  /** A new empty directory to write one video into before {@link #commit}. */
  public Path stage() throws IOException {
    return Files.createDirectory(staging.resolve(UUID.randomUUID().toString()));
  }

  /** Publishes a staged video under {@code id} with one atomic rename. */
  public void commit(Path staged, String id) throws IOException {
    requireValidId(id);
    if (!staged.getParent().equals(staging))
      throw new IllegalArgumentException(staged + " is not a staging directory");
    Files.move(staged, videos.resolve(id), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes a staged directory that will not be committed. */
  public void discard(Path staged) {
    deleteTree(staged);
  }

  /** Removes a committed video; it disappears at once, its files are deleted after. */
  public boolean delete(String id) {
    requireValidId(id);
    Path dir = videos.resolve(id);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return false;
    Path graveyard = staging.resolve("deleted-" + UUID.randomUUID());
    try {
      Files.move(dir, graveyard, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove video " + id, e);
    }
    deleteTree(graveyard);
    return true;
  }

  public boolean exists(String id) {
    return VideoId.isValid(id) && Files.isDirectory(videos.resolve(id), LinkOption.NOFOLLOW_LINKS);
  }

  /** The object, or empty when the video or object does not exist. */
  public Optional<StoredObject> find(String id, String path) {
    Path dir = videos.resolve(requireValidId(id));
    Path file = resolve(dir, path);
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      if (!file.toRealPath().startsWith(dir.toRealPath())) {
        throw new InvalidObjectPathException("path '" + path + "' leaves the video's directory");
      }
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      long modified = attrs.lastModifiedTime().toMillis();
      String etag = "\"" + Long.toHexString(attrs.size()) + "-" + Long.toHexString(modified) + "\"";
      return Optional.of(
          new StoredObject(file, attrs.size(), ContentTypes.of(path), etag, modified));
    } catch (IOException e) {
      return Optional.empty(); // deleted between the check and the read: as if it never was
    }
  }

  /** The directory of a committed video, for tests and tools. */
  public Path videoDir(String id) {
    return videos.resolve(requireValidId(id));
  }

  public Path stagingRoot() {
    return staging;
  }

  /** Where uploads stream to while they arrive; emptied on start like staging. */
  public Path uploadDir() {
    return uploads;
  }

  private static Path resolve(Path dir, String path) {
    if (path == null || path.isEmpty())
      throw new InvalidObjectPathException("object path is empty");
    if (path.startsWith("/")
        || path.indexOf('\\') >= 0
        || path.indexOf('\0') >= 0
        || path.contains(":")) {
      throw new InvalidObjectPathException(
          "object path '" + path + "' must be relative, with '/' separators");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidObjectPathException(
            "object path '" + path + "' has an empty, '.' or '..' segment");
      }
    }
    Path file = dir.resolve(path).normalize();
    if (!file.startsWith(dir))
      throw new InvalidObjectPathException("path '" + path + "' leaves the video's directory");
    return file;
  }

  private static String requireValidId(String id) {
    if (!VideoId.isValid(id))
      throw new InvalidObjectPathException(
          "video id '" + id + "' does not match " + VideoId.PATTERN);
    return id;
  }

  private static void deleteLeftovers(Path dir) throws IOException {
    try (Stream<Path> leftovers = Files.list(dir)) {
      leftovers.forEach(
          leftover -> {
            log.info("deleting {}, left over by an interrupted ingest", leftover);
            deleteTree(leftover);
          });
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("cannot delete {} completely", root, e);
    }
  }
}
