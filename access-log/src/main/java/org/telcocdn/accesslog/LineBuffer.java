package org.telcocdn.accesslog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text encoded straight to UTF-8 bytes in one growable array, reused for every line of a
 * batch: the writer thread appends each record here and writes the bytes to the file in large
 * chunks. No String, char[] or encoder per record; at tens of thousands of records a second those
 * copies were most of the access log's cost on the edge.
 */
final class LineBuffer {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** "00", "01", … "99" back to back. */
  private static final byte[] PAIRS = pairs();

  private static final byte[] MIN_LONG =
      Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int size;

  LineBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }

  LineBuffer append(char ascii) {
    ensure(1);
    bytes[size++] = (byte) ascii;
    return this;
  }

  /**
   * Text known to be plain ASCII needing no escapes: field names and the punctuation around them.
   */
  LineBuffer ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) bytes[size++] = (byte) s.charAt(i);
    return this;
  }

  /** Two digits per division, from a table, as the JDK's own Long.toString does. */
  LineBuffer number(long v) {
    if (v == Long.MIN_VALUE) {
      ensure(MIN_LONG.length);
      System.arraycopy(MIN_LONG, 0, bytes, size, MIN_LONG.length);
      size += MIN_LONG.length;
      return this;
    }
    ensure(20);
    if (v < 0) {
      bytes[size++] = '-';
      v = -v;
    }
    if (v >= 1_000_000_000L) { // epoch milliseconds, byte counts: split once, then int arithmetic
      long high = v / 1_000_000_000L;
      number(high);
      ensure(9);
      int first = backwards((int) (v - high * 1_000_000_000L), size + 9);
      while (first > size) bytes[--first] = '0';
      size += 9;
      return this;
    }
    int value = (int) v;
    size += digits(value);
    backwards(value, size);
    return this;
  }

  /**
   * Writes {@code v}'s digits so that the last one is just before {@code end}; the index of the
   * first.
   */
  private int backwards(int v, int end) {
    int i = end;
    while (v >= 100) {
      int pair = v % 100;
      v /= 100;
      bytes[--i] = PAIRS[pair * 2 + 1];
      bytes[--i] = PAIRS[pair * 2];
    }
    if (v >= 10) {
      bytes[--i] = PAIRS[v * 2 + 1];
      bytes[--i] = PAIRS[v * 2];
    } else {
      bytes[--i] = (byte) ('0' + v);
    }
    return i;
  }

  /** Any value's JSON form: strings quoted, numbers and booleans as they print. */
  LineBuffer value(Object v) {
    if (v instanceof String s) return quoted(s);
    if (v instanceof Long l) return number(l);
    return ascii(String.valueOf(v));
  }

  /** A JSON string: quotes, escapes, and UTF-8 for anything beyond ASCII. */
  LineBuffer quoted(String s) {
    int n = s.length();
    ensure(n + 2);
    bytes[size++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        bytes[size++] =
            (byte) c; // room reserved above: one byte per char still to come, plus the quote
      } else {
        ensure(6 + n - i);
        special(s, i, c);
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)))
          i++;
      }
    }
    bytes[size++] = '"';
    return this;
  }

  private void special(String s, int i, char c) {
    switch (c) {
      case '"' -> {
        bytes[size++] = '\\';
        bytes[size++] = '"';
      }
      case '\\' -> {
        bytes[size++] = '\\';
        bytes[size++] = '\\';
      }
      case '\n' -> {
        bytes[size++] = '\\';
        bytes[size++] = 'n';
      }
      case '\r' -> {
        bytes[size++] = '\\';
        bytes[size++] = 'r';
      }
      case '\t' -> {
        bytes[size++] = '\\';
        bytes[size++] = 't';
      }
      default -> {
        if (c < 0x20) {
          bytes[size++] = '\\';
          bytes[size++] = 'u';
          bytes[size++] = '0';
          bytes[size++] = '0';
          bytes[size++] = HEX[c >> 4];
          bytes[size++] = HEX[c & 0xf];
        } else {
          utf8(s, i, c);
        }
      }
    }
  }

  private void utf8(String s, int i, char c) {
    if (c < 0x800) {
      bytes[size++] = (byte) (0xc0 | c >> 6);
      bytes[size++] = (byte) (0x80 | c & 0x3f);
    } else if (Character.isHighSurrogate(c)
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      bytes[size++] = (byte) (0xf0 | cp >> 18);
      bytes[size++] = (byte) (0x80 | cp >> 12 & 0x3f);
      bytes[size++] = (byte) (0x80 | cp >> 6 & 0x3f);
      bytes[size++] = (byte) (0x80 | cp & 0x3f);
    } else if (Character.isSurrogate(c)) {
      bytes[size++] = '?'; // a lone surrogate has no UTF-8 form
    } else {
      bytes[size++] = (byte) (0xe0 | c >> 12);
      bytes[size++] = (byte) (0x80 | c >> 6 & 0x3f);
      bytes[size++] = (byte) (0x80 | c & 0x3f);
    }
  }

  private static byte[] pairs() {
    byte[] out = new byte[200];
    for (int i = 0; i < 100; i++) {
      out[i * 2] = (byte) ('0' + i / 10);
      out[i * 2 + 1] = (byte) ('0' + i % 10);
    }
    return out;
  }

  private static int digits(int v) {
    int d = 1;
    for (int p = 10; d < 9 && v >= p; p *= 10) d++;
    return d;
  }

  private void ensure(int more) {
    if (size + more > bytes.length)
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
  }
}
