package org.telcocdn.cache.storage;

import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read handles of committed objects kept open between hits, like nginx's {@code open_file_cache}: a
 * hot object's disk hit then costs no {@code open}, no {@code close} and no new {@link FileChannel}
 * with its cleaner. That was about a seventh of the edge's CPU per 64 KiB disk hit
 * (bench/README.md).
 *
 * <p>Each {@link Handle} is reference-counted: the cache holds one reference, each response's
 * {@link FileRegion} another. A handle leaves the cache when it is the least recently used of more
 * than {@code max}, or when its object is deleted or replaced; its file is closed when the last
 * response still sending from it is written, so a response is never cut short. Not thread-safe: the
 * disk tier calls it under its own lock, the same lock its index changes under, so a cached handle
 * is always of the file the index now names.
 */
final class OpenFiles {
  private final int max;
  private final Map<CacheKey, Handle> handles;

  /** {@code max} 0 opens the file on every hit and keeps nothing open. */
  OpenFiles(int max) {
    this.max = max;
    this.handles = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The open handle of {@code file}, with one reference for the caller. */
  Handle acquire(CacheKey key, Path file) throws IOException {
    Handle handle = handles.get(key);
    if (handle == null) {
      handle = new Handle(FileChannel.open(file, StandardOpenOption.READ));
      if (max == 0) return handle; // the caller's reference is the only one
      handles.put(key, handle);
      if (handles.size() > max) drop(handles.keySet().iterator().next());
    }
    return (Handle) handle.retain();
  }

  /** Forgets the handle of {@code key}: its object was deleted or is being replaced. */
  void drop(CacheKey key) {
    Handle handle = handles.remove(key);
    if (handle != null) handle.release();
  }

  void clear() {
    handles.values().forEach(Handle::release);
    handles.clear();
  }

  int size() {
    return handles.size();
  }

  /** One open file, closed when its last reference goes. */
  static final class Handle extends AbstractReferenceCounted {
    private final FileChannel channel;

    private Handle(FileChannel channel) {
      this.channel = channel;
    }

    FileChannel channel() {
      return channel;
    }

    /**
     * A region for sendfile that takes over one reference of this handle and gives it back once
     * written.
     */
    FileRegion region(long position, long count) {
      return new Region(this, position, count);
    }

    @Override
    protected void deallocate() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // a read-only handle: nothing to flush
      }
    }

    @Override
    public ReferenceCounted touch(Object hint) {
      return this;
    }
  }

  /**
   * A {@link DefaultFileRegion}, so Netty's epoll transport still sends it with {@code sendfile},
   * but releasing the shared handle instead of closing the file; on TLS read by positional reads.
   */
  private static final class Region extends DefaultFileRegion implements FileBackedRegion {
    private final Handle handle;

    Region(Handle handle, long position, long count) {
      super(handle.channel(), position, count);
      this.handle = handle;
    }

    @Override
    public FileChannel file() {
      return handle.channel();
    }

    @Override
    protected void deallocate() {
      handle.release();
    }
  }
}
