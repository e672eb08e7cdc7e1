package org.telcocdn.raw.live;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads top-level ISO BMFF boxes (ISO/IEC 14496-12 section 4.2) one at a time off a stream, each
 * whole, header included: what ffmpeg's fragmented MP4 muxer writes to a pipe is {@code ftyp},
 * {@code moov}, then {@code moof}+{@code mdat} pairs. A box larger than {@code maxBoxBytes} (or one
 * whose size runs "to the end of the file", which a live stream has none of) ends the stream with
 * an {@link IOException}: a broken encoder must not make the origin allocate without bound.
 */
final class BoxStream {
  private final DataInputStream in;
  private final int maxBoxBytes;

  /** One box: its four-character type and all its bytes, header included. */
  record Box(String type, byte[] bytes) {}

  BoxStream(InputStream in, int maxBoxBytes) {
    this.in = new DataInputStream(in);
    this.maxBoxBytes = maxBoxBytes;
  }

  /** The next box, or null at a clean end of stream (between boxes). */
  Box next() throws IOException {
    byte[] header = new byte[8];
    int first = in.read();
    if (first < 0) return null;
    header[0] = (byte) first;
    in.readFully(header, 1, 7);
    long size = Integer.toUnsignedLong(readInt(header, 0));
    String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
    int headerBytes = 8;
    if (size == 1) {
      size = in.readLong();
      headerBytes = 16;
    }
    if (size < headerBytes || size > maxBoxBytes)
      throw new IOException("box '" + type + "' of " + size + " bytes (limit " + maxBoxBytes + ")");
    byte[] box = new byte[(int) size];
    System.arraycopy(header, 0, box, 0, 8);
    if (headerBytes == 16) writeLong(box, 8, size);
    try {
      in.readFully(box, headerBytes, box.length - headerBytes);
    } catch (EOFException e) {
      throw new IOException("the stream ended inside box '" + type + "'", e);
    }
    return new Box(type, box);
  }

  static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  static long readLong(byte[] b, int at) {
    return (Integer.toUnsignedLong(readInt(b, at)) << 32)
        | Integer.toUnsignedLong(readInt(b, at + 4));
  }

  private static void writeLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }
}
