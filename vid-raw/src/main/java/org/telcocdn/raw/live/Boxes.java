package org.telcocdn.raw.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The children of a container box, as windows into one byte array: {@code moov} → {@code trak} →
 * {@code mdia}, {@code moof} → {@code traf}. Sizes are checked against the parent, so a corrupt
 * length ends the walk instead of reading past it.
 */
record Boxes(byte[] bytes, int start, int end) {
  /** A box inside {@code bytes}: its type and where its payload lies. */
  record Child(String type, byte[] bytes, int payload, int end) {
    Boxes children() {
      return new Boxes(bytes, payload, end);
    }

    /** The payload of a full box starts with version (1 byte) and flags (3 bytes). */
    int version() {
      return bytes[payload] & 0xff;
    }

    int flags() {
      return BoxStream.readInt(bytes, payload) & 0xffffff;
    }

    int intAt(int offset) {
      return BoxStream.readInt(bytes, payload + offset);
    }

    long longAt(int offset) {
      return BoxStream.readLong(bytes, payload + offset);
    }
  }

  /** The children of a whole box (its header skipped). */
  static Boxes of(byte[] box) {
    return new Boxes(box, 8, box.length);
  }

  List<Child> all() {
    List<Child> children = new ArrayList<>();
    int at = start;
    while (at + 8 <= end) {
      long size = Integer.toUnsignedLong(BoxStream.readInt(bytes, at));
      String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
      int header = 8;
      if (size == 1) {
        size = BoxStream.readLong(bytes, at + 8);
        header = 16;
      }
      if (size < header || at + size > end) break;
      children.add(new Child(type, bytes, at + header, (int) (at + size)));
      at += (int) size;
    }
    return children;
  }

  List<Child> named(String type) {
    return all().stream().filter(c -> c.type().equals(type)).toList();
  }

  Child first(String type) {
    return all().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }
}
