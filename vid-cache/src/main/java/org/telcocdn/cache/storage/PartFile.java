package org.telcocdn.cache.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A fill's place in the disk tier: the bytes {@link DiskTier#reserve} set aside for the object, and
 * the {@code .part} file it is written to. {@link #open} creates the file with the object's header,
 * {@link #write} appends the body; then {@link DiskTier#commit} makes it the object (fsync, check,
 * one atomic rename) or {@link DiskTier#abandon} deletes it. Readers never see a part: hits only
 * open committed {@code .obj} files, and start-up deletes parts left by a crash.
 *
 * <p>Not thread-safe, and needs no lock: a fill opens, writes and commits one after another,
 * chained on its executors, so one thread at a time touches the file.
 */
public final class PartFile {
  private final CacheKey key;
  private final ObjectMeta meta;
  private final Path path;
  private final long size;
  private FileChannel channel;

  PartFile(CacheKey key, ObjectMeta meta, Path path, long size) {
    this.key = key;
    this.meta = meta;
    this.path = path;
    this.size = size;
  }

  public CacheKey key() {
    return key;
  }

  /** The bytes reserved: header and body. */
  long size() {
    return size;
  }

  Path path() {
    return path;
  }

  /** Creates the part file (never over an existing one) and writes the object's header. */
  public void open() throws IOException {
    Files.createDirectories(path.getParent());
    channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    writeFully(ObjectFile.header(meta));
  }

  /** Appends body bytes, all of {@code bytes}' remaining ones. */
  public void write(ByteBuffer bytes) throws IOException {
    if (channel == null)
      throw new IllegalStateException("part of " + key + " written before it was opened");
    writeFully(bytes);
  }

  /** Flushes the bytes to the device and closes the file: what a commit does before the rename. */
  void finish() throws IOException {
    if (channel == null) throw new IOException("part of " + key + " was never opened");
    channel.force(false);
    channel.close();
  }

  /** Closes the file if it is open; it is deleted next, so a failure to close loses nothing. */
  void closeQuietly() {
    try {
      if (channel != null) channel.close();
    } catch (IOException ignored) {
      // the part is deleted next; nothing to save
    }
  }

  private void writeFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) channel.write(buffer);
  }
}
