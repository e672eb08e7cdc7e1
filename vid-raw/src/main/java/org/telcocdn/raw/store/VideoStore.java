package org.telcocdn.raw.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.io.DurableFiles;
import org.telcocdn.common.video.VideoId;

/**
 * The origin's video files: {@code {root}/videos/{id}/{object path}}. A video is written in {@code
 * {root}/staging/{random}} and appears with one atomic rename of the whole directory, so a reader
 * (an edge fetching the master playlist) never sees half a ladder, and an ingest killed midway
 * leaves only a staging directory (and maybe a partial upload in {@code uploads/}), which the next
 * start deletes. Removal runs the same way in reverse: rename out of {@code videos/} first, then
 * delete.
 *
 * <p>Commit makes the video durable before it becomes visible: the {@link HashManifest} of its
 * objects is written beside them, every file and directory of the staged tree is synced, then the
 * rename, then the {@code videos} directory is synced ({@link DurableFiles}), so after a power cut
 * a video is either absent or whole, never a name leading to empty segments.
 *
 * <p>Object paths come from the network, so resolving one refuses ids outside the id pattern,
 * absolute paths, empty, {@code .} and {@code ..} segments, names starting with a dot (the manifest
 * and other bookkeeping beside the objects), and anything whose real path (after symbolic links) is
 * outside the video's directory.
 */
public final class VideoStore {
  private static final Logger log = LoggerFactory.getLogger(VideoStore.class);
  private static final int MANIFESTS_KEPT = 4_096;

  private final Path videos;
  private final Path staging;
  private final Path uploads;

  /**
   * Manifests read (or, for a video from before manifests, computed) once per video: a few KiB
   * each.
   */
  private final LoadingCache<String, Optional<HashManifest>> manifests =
      Caffeine.newBuilder().maximumSize(MANIFESTS_KEPT).build(this::loadManifest);

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

  /**
   * Publishes a staged video under {@code id} with one atomic rename, after writing its hash
   * manifest and syncing the whole tree; the rename is synced too, so a video committed stays
   * committed.
   */
  public void commit(Path staged, String id) throws IOException {
    requireValidId(id);
    if (!staged.getParent().equals(staging))
      throw new IllegalArgumentException(staged + " is not a staging directory");
    HashManifest.compute(staged).writeTo(staged);
    DurableFiles.syncTree(staged);
    Files.move(staged, videos.resolve(id), StandardCopyOption.ATOMIC_MOVE);
    DurableFiles.syncDirectory(videos);
    manifests.invalidate(id);
  }

  /** The ids of every committed video, for the start-up reconciliation with the catalog. */
  public List<String> ids() throws IOException {
    try (Stream<Path> dirs = Files.list(videos)) {
      return dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
          .map(d -> d.getFileName().toString())
          .filter(VideoId::isValid)
          .sorted()
          .toList();
    }
  }

  /**
   * The SHA-256 of every object of the video, or empty when there is no such video. A video
   * committed before manifests existed gets one computed (once) and stored beside its objects.
   */
  public Optional<HashManifest> manifest(String id) {
    requireValidId(id);
    return manifests.get(id);
  }

  private Optional<HashManifest> loadManifest(String id) {
    Path dir = videos.resolve(id);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
    try {
      Optional<HashManifest> kept = HashManifest.read(dir);
      if (kept.isPresent()) return kept;
      HashManifest computed = HashManifest.compute(dir);
      DurableFiles.replace(
          dir.resolve(HashManifest.FILE), computed.text().getBytes(StandardCharsets.UTF_8));
      log.info(
          "video {} had no hash manifest; computed one for {} objects",
          id,
          computed.sha256ByPath().size());
      return Optional.of(computed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hash manifest of video " + id, e);
    }
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
    manifests.invalidate(id);
    deleteTree(graveyard);
    return true;
  }

  /**
   * Bytes of every committed video: what the store budget counts (a walk of the tree, once per
   * ingest).
   */
  public long usedBytes() {
    return sizeOf(videos);
  }

  /** Bytes under {@code dir}, e.g. a staged video before it is committed. */
  public static long sizeOf(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0; // deleted while walking
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
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
          new StoredObject(
              file, attrs.size(), ContentTypes.of(path), etag, modified, digestOf(id, path)));
    } catch (IOException e) {
      return Optional.empty(); // deleted between the check and the read: as if it never was
    }
  }

  /**
   * The object's SHA-256 from the manifest; null (sent as "unknown") if the manifest cannot be
   * read.
   */
  private byte[] digestOf(String id, String path) {
    try {
      return manifests.get(id).flatMap(m -> m.sha256(path)).orElse(null);
    } catch (UncheckedIOException e) {
      log.warn("{}: objects are served without their SHA-256", e.getMessage(), e.getCause());
      return null;
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
      if (segment.isEmpty() || segment.startsWith(".")) {
        throw new InvalidObjectPathException(
            "object path '" + path + "' has an empty segment or one starting with '.'");
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
