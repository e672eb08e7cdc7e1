package org.telcocdn.cache.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.telcocdn.common.json.Json;

/**
 * The on-disk form of one cached object: a fixed header, then the body. Keeping the metadata in the
 * same file means one atomic rename commits both, and start-up can check every file on its own:
 *
 * <pre>
 * | magic "TCO1" (4) | header length n (4) | header JSON (n) | body (meta.size bytes) |
 * </pre>
 *
 * A file whose length is not exactly {@code 8 + n + meta.size} is half-written or damaged. Reading
 * tells the two kinds of failure apart: {@link Corrupt} when the bytes prove the file is not a
 * whole object (safe to delete), a plain {@link IOException} when the file could not be read at all
 * (it may be fine once the fault passes).
 */
final class ObjectFile {
  private static final int MAGIC = 0x54434f31;
  private static final int MAX_HEADER = 64 * 1024;

  private ObjectFile() {}

  /**
   * The file's own bytes show it is not a whole object: wrong magic, a bad header, a wrong length.
   */
  static final class Corrupt extends IOException {
    Corrupt(String message) {
      super(message);
    }
  }

  /**
   * A stored object: its file, its metadata and where its body starts. The tier keeps the path so a
   * hit opens the file without hashing the key into a file name again.
   */
  record Stored(Path file, ObjectMeta meta, long bodyOffset) {
    /** Header and body: what the object takes on disk. */
    long fileSize() {
      return bodyOffset + meta.size();
    }

    /** The same object after a rename. */
    Stored movedTo(Path target) {
      return new Stored(target, meta, bodyOffset);
    }
  }

  static ByteBuffer header(ObjectMeta meta) {
    byte[] json = Json.bytes(meta);
    ByteBuffer buffer = ByteBuffer.allocate(8 + json.length);
    buffer.putInt(MAGIC).putInt(json.length).put(json).flip();
    return buffer;
  }

  /** The file's header, checked against its length; throws for anything not a whole object. */
  static Stored read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(channel, file);
    }
  }

  private static Stored read(FileChannel channel, Path file) throws IOException {
    ByteBuffer fixed = ByteBuffer.allocate(8);
    readFully(channel, fixed, 0, file);
    if (fixed.getInt(0) != MAGIC) throw new Corrupt(file + " has no object header");
    int length = fixed.getInt(4);
    if (length <= 0 || length > MAX_HEADER)
      throw new Corrupt(file + " has a header of " + length + " bytes");
    ByteBuffer json = ByteBuffer.allocate(length);
    readFully(channel, json, 8, file);
    ObjectMeta meta = meta(json, file);
    long bodyOffset = 8L + length;
    if (channel.size() != bodyOffset + meta.size()) {
      throw new Corrupt(
          file
              + " holds "
              + (channel.size() - bodyOffset)
              + " body bytes, header says "
              + meta.size());
    }
    return new Stored(file, meta, bodyOffset);
  }

  private static ObjectMeta meta(ByteBuffer json, Path file) throws Corrupt {
    ObjectMeta meta;
    try {
      meta =
          Json.MAPPER.readValue(new String(json.array(), StandardCharsets.UTF_8), ObjectMeta.class);
    } catch (JsonProcessingException e) {
      throw new Corrupt(file + " has a header that is not an object's: " + e.getOriginalMessage());
    }
    if (meta == null || meta.path() == null || meta.path().isEmpty() || meta.size() < 0) {
      throw new Corrupt(file + " has a header without a path or size");
    }
    return meta;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file)
      throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) throw new Corrupt(file + " ends inside its header");
    }
  }
}
