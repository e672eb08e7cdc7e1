package org.telcocdn.cache.storage;

import io.netty.channel.FileRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.SegmentKey;

/**
 * The disk tier: one file per object under {@code {cache-dir}/objects/{videoId}/}, so invalidating
 * a video is one directory walk. The index holds keys, sizes and the small metadata header, never
 * bytes.
 *
 * <p>Budget: {@code used + reserved <= maxBytes} at all times. A fill reserves the object's size
 * (known from the origin's first chunk) and gets a {@link PartFile} to write it to. The reservation
 * is the request's miss as the {@link CachePolicy} (module cache-policy, the same classes the
 * simulator runs) sees it: the policy admits the object or refuses it, and names the victims whose
 * files are deleted to make room. A refused object, or one that does not fit next to other fills
 * still in flight, is streamed through without being stored. Commit renames the part atomically and
 * turns the reservation into use; a reservation the policy evicted while it was being written is
 * not committed.
 *
 * <p>One lock guards index, policy, counters and the handles kept open; it is held for bookkeeping,
 * deletes and the open of a hit whose handle is not kept, never while bytes are copied.
 */
public final class DiskTier {
  private static final Logger log = LoggerFactory.getLogger(DiskTier.class);

  /**
   * A guess of the mean object size, for sizing vpop's ghost tables: video segments of 2 to 6 s.
   */
  private static final long MEAN_OBJECT_BYTES = 1L << 20;

  /**
   * Open handles kept by {@link #open(Path, long, PolicyName)}: nginx's usual {@code
   * open_file_cache max}.
   */
  public static final int DEFAULT_OPEN_FILES = 1000;

  private final Path root;
  private final long maxBytes;
  private final CachePolicy<CacheKey> policy;

  /** Per committed object, its metadata and body offset, so a hit needs no header read or parse. */
  private final Map<CacheKey, ObjectFile.Stored> index = new HashMap<>();

  private final OpenFiles openFiles;
  private long usedBytes;
  private long reservedBytes;

  private DiskTier(Path root, long maxBytes, CachePolicy<CacheKey> policy, int openFiles) {
    this.root = root;
    this.maxBytes = maxBytes;
    this.policy = policy;
    this.openFiles = new OpenFiles(openFiles);
  }

  public static DiskTier open(Path cacheDir, long maxBytes, PolicyName policy) {
    return open(cacheDir, maxBytes, policy, DEFAULT_OPEN_FILES);
  }

  /**
   * Opens the tier, deleting part files and objects proven damaged, and re-indexing the rest; up to
   * {@code openFiles} hot objects keep their files open between hits ({@link OpenFiles}).
   */
  public static DiskTier open(Path cacheDir, long maxBytes, PolicyName policy, int openFiles) {
    CachePolicy<CacheKey> chosen = policy.create(maxBytes, MEAN_OBJECT_BYTES, DiskTier::shape);
    DiskTier tier = new DiskTier(cacheDir.resolve("objects"), maxBytes, chosen, openFiles);
    try {
      Files.createDirectories(tier.root);
      tier.scan();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the disk cache at " + cacheDir, e);
    }
    return tier;
  }

  /**
   * A committed object, with the file already open: the body is served from this handle, so an
   * eviction or invalidation that deletes the file meanwhile cannot cut the response short. The
   * entry holds one reference to the handle: {@link #region} hands it to the response, otherwise
   * the caller {@link #release}s it.
   */
  public record Entry(OpenFiles.Handle file, ObjectMeta meta, long bodyOffset) {
    /**
     * The body's bytes {@code [offset, offset + length)} for sendfile; takes over the entry's
     * reference.
     */
    public FileRegion region(long offset, long length) {
      return file.region(bodyOffset + offset, length);
    }

    public FileChannel channel() {
      return file.channel();
    }

    public void release() {
      file.release();
    }
  }

  /**
   * The object of {@code key}, opened. Its header was checked when it was committed (or found at
   * start-up) and files are only ever replaced by atomic renames, so a hit opens the file and
   * nothing more: no header read, no JSON parse on the event loop.
   */
  public synchronized Optional<Entry> lookup(CacheKey key) {
    ObjectFile.Stored stored = index.get(key);
    if (stored == null) return Optional.empty();
    if (policy.contains(key)) policy.onHit(key);
    try {
      return Optional.of(
          new Entry(openFiles.acquire(key, stored.file()), stored.meta(), stored.bodyOffset()));
    } catch (IOException e) {
      if (Files.notExists(stored.file())) {
        log.warn("{} is indexed but its file is gone, forgetting it", key);
        evict(key);
      } else { // e.g. out of file descriptors: a miss now, the object kept
        log.warn("{} cannot be opened, served as a miss: {}", key, e.toString());
      }
      return Optional.empty();
    }
  }

  /**
   * Closes the handles kept open; responses still sending from one keep it until they are written.
   */
  public synchronized void close() {
    openFiles.clear();
  }

  /** Handles kept open between hits ({@code edge_disk_open_files}). */
  public synchronized int openFileCount() {
    return openFiles.size();
  }

  /**
   * Room for the object's file (header and body) and the part file to write it to, or empty when
   * the budget cannot hold it.
   */
  public Optional<PartFile> reserve(CacheKey key, ObjectMeta meta) {
    long total = ObjectFile.header(meta).remaining() + meta.size();
    synchronized (this) {
      if (total > maxBytes) return Optional.empty();
      if (index.containsKey(key)) {
        evict(key); // a refill replaces the committed copy
      } else if (policy.contains(key)) {
        return Optional.empty(); // another fill of this key holds a reservation
      }
      List<CacheKey> victims = new ArrayList<>();
      boolean admitted = policy.onMiss(key, total, victims::add);
      victims.forEach(this::deleteEvicted);
      if (!admitted) return Optional.empty();
      if (usedBytes + reservedBytes + total > maxBytes) { // room held by fills still being written
        policy.remove(key);
        return Optional.empty();
      }
      reservedBytes += total;
    }
    Path part =
        root.resolve(key.videoId()).resolve(key.fileName() + "." + UUID.randomUUID() + ".part");
    return Optional.of(new PartFile(key, meta, part, total));
  }

  /**
   * Makes a fully written part the object: flushed to the device, checked against its header, then
   * renamed into place; false (and the part deleted) if it is not a whole object or the policy let
   * go of it meanwhile.
   */
  public boolean commit(PartFile part) {
    ObjectFile.Stored stored;
    try {
      part.finish();
      stored = ObjectFile.read(part.path());
    } catch (IOException e) {
      log.warn("refusing to commit {}: {}", part.key(), e.getMessage());
      abandon(part);
      return false;
    }
    synchronized (this) {
      reservedBytes -= part.size();
      if (index.containsKey(part.key())) deleteEvicted(part.key());
      long fileSize = stored.fileSize();
      if (!policy.contains(part.key()) || fileSize > part.size() || !moveInPlace(part)) {
        policy.remove(part.key());
        deleteQuietly(part.path());
        return false;
      }
      index.put(part.key(), stored.movedTo(fileOf(part.key())));
      usedBytes += fileSize;
      return true;
    }
  }

  /** Gives a part's room back and deletes it (failed or cancelled fill). */
  public void abandon(PartFile part) {
    part.closeQuietly();
    deleteQuietly(part.path());
    synchronized (this) {
      reservedBytes -= part.size();
      if (!index.containsKey(part.key())) policy.remove(part.key());
    }
  }

  /**
   * Removes the objects {@code which} accepts (an HTTP URL's variants and slices); returns their
   * keys.
   */
  public synchronized List<CacheKey> removeIf(BiPredicate<CacheKey, ObjectMeta> which) {
    List<CacheKey> keys =
        index.entrySet().stream()
            .filter(e -> which.test(e.getKey(), e.getValue().meta()))
            .map(Map.Entry::getKey)
            .toList();
    keys.forEach(this::evict);
    return keys;
  }

  /** Every committed object's metadata (at start-up: which HTTP objects vary on what). */
  public synchronized Map<CacheKey, ObjectMeta> committed() {
    Map<CacheKey, ObjectMeta> all = new HashMap<>(index.size());
    index.forEach((key, stored) -> all.put(key, stored.meta()));
    return all;
  }

  /** Removes every object of {@code videoId}; returns their keys. */
  public synchronized List<CacheKey> invalidate(String videoId) {
    List<CacheKey> keys = index.keySet().stream().filter(k -> k.videoId().equals(videoId)).toList();
    keys.forEach(this::evict);
    return keys;
  }

  /** Removes the objects of {@code videoId} admitted at a version older than {@code version}. */
  public synchronized List<CacheKey> removeOlderThan(String videoId, long version) {
    List<CacheKey> keys =
        index.entrySet().stream()
            .filter(
                e ->
                    e.getKey().videoId().equals(videoId) && e.getValue().meta().version() < version)
            .map(Map.Entry::getKey)
            .toList();
    keys.forEach(this::evict);
    return keys;
  }

  /**
   * Per title, what is committed: the stuff of holdings reports and anti-entropy digests. Only the
   * copy of the index is taken under the lock that disk hits also take; grouping happens outside
   * it.
   */
  public Map<String, TitleCopies> titles() {
    List<TitleCopies.Copy> copies;
    synchronized (this) {
      copies = new ArrayList<>(index.size());
      index.forEach(
          (key, stored) -> {
            // HTTP origins' objects are not titles: no index report, no digest, no replication
            if (stored.meta().http() == null)
              copies.add(new TitleCopies.Copy(key, stored.meta().version()));
          });
    }
    return TitleCopies.group(copies);
  }

  /** The metadata of a committed object, without opening it. */
  public synchronized Optional<ObjectMeta> meta(CacheKey key) {
    ObjectFile.Stored stored = index.get(key);
    return stored == null ? Optional.empty() : Optional.of(stored.meta());
  }

  public synchronized void remove(CacheKey key) {
    if (index.containsKey(key)) evict(key);
  }

  public synchronized long usedBytes() {
    return usedBytes;
  }

  public synchronized long reservedBytes() {
    return reservedBytes;
  }

  public synchronized int objectCount() {
    return index.size();
  }

  public long maxBytes() {
    return maxBytes;
  }

  private Path fileOf(CacheKey key) {
    return root.resolve(key.videoId()).resolve(key.fileName() + ".obj");
  }

  private boolean moveInPlace(PartFile part) {
    try {
      Files.move(part.path(), fileOf(part.key()), StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (AtomicMoveNotSupportedException e) {
      throw new IllegalStateException("the cache directory must support atomic renames", e);
    } catch (IOException e) {
      log.warn("cannot commit {}: {}", part.key(), e.toString());
      return false;
    }
  }

  private void evict(CacheKey key) {
    policy.remove(key);
    deleteEvicted(key);
  }

  /** Deletes an object the policy no longer holds. */
  private void deleteEvicted(CacheKey key) {
    openFiles.drop(key);
    ObjectFile.Stored stored = index.remove(key);
    if (stored != null) usedBytes -= stored.fileSize();
    deleteQuietly(fileOf(key));
  }

  /** What a key says about video: {@code {videoId}/{rendition}/seg_00042.m4s} is a segment. */
  static SegmentKey shape(CacheKey key) {
    return SegmentKey.parse(key.videoId(), key.path());
  }

  /**
   * Indexes what a previous run left. Only what is proven not to be a whole object is deleted:
   * parts of fills cut off by a crash and files whose own bytes do not add up ({@link
   * ObjectFile.Corrupt}), plus, as at any admission, what the budget or the policy has no room for.
   * Anything else (a file that cannot be read now, one that is not the cache's, one whose indexing
   * fails) is left on disk with a warning and not served: a bug or a passing fault must not empty
   * the cache. Files left are not counted in the budget.
   */
  private void scan() throws IOException {
    List<Path> videos = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      dirs.forEach(videos::add);
    }
    for (Path video : videos) {
      if (!Files.isDirectory(video)) {
        log.warn("{} is not a video directory of the disk cache; left alone", video);
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(video)) {
        for (Path file : files) found(video.getFileName().toString(), file);
      } catch (IOException e) {
        log.warn(
            "cannot list {}; its objects are left on disk and not served: {}", video, e.toString());
      }
    }
    log.info("disk cache {}: {} objects, {} bytes of {}", root, index.size(), usedBytes, maxBytes);
  }

  private void found(String videoId, Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".part")) {
      deleteFound(file, "a fill that never finished");
    } else if (!name.endsWith(".obj")) {
      log.warn("{} is not an object of the disk cache; left alone", file);
    } else {
      try {
        admitFound(videoId, file, ObjectFile.read(file));
      } catch (ObjectFile.Corrupt e) {
        deleteFound(file, e.getMessage());
      } catch (IOException e) {
        log.warn("cannot read {}; left on disk and not served: {}", file, e.toString());
      } catch (RuntimeException e) {
        log.warn("cannot index {}; left on disk and not served", file, e);
      }
    }
  }

  private void admitFound(String videoId, Path file, ObjectFile.Stored stored) {
    CacheKey key = new CacheKey(videoId, stored.meta().path());
    if (!fileOf(key).equals(file)) {
      log.warn("{} holds {}, whose file name is another; left alone", file, key);
      return;
    }
    long size = stored.fileSize();
    if (usedBytes + size > maxBytes) {
      deleteFound(file, "over the budget of " + maxBytes + " bytes");
      return;
    }
    List<CacheKey> victims = new ArrayList<>();
    boolean admitted = policy.onMiss(key, size, victims::add);
    victims.forEach(this::deleteEvicted);
    if (!admitted) {
      deleteFound(file, "refused by the " + policy.name() + " policy");
      return;
    }
    index.put(key, stored);
    usedBytes += size;
  }

  private static void deleteFound(Path file, String why) {
    log.info("deleting {} from the disk cache: {}", file, why);
    deleteQuietly(file);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", file, e.toString());
    }
  }
}
