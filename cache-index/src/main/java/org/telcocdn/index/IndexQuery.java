package org.telcocdn.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A read of the index, and the binary forms of the question and of its answer. */
sealed interface IndexQuery {
  byte HOLDERS = 1, SUMMARY = 2;

  record HoldersOf(String videoId) implements IndexQuery {}

  record Summary() implements IndexQuery {}

  static byte[] encode(IndexQuery query) {
    return bytes(out -> {
      switch (query) {
        case HoldersOf q -> { out.writeByte(HOLDERS); out.writeUTF(q.videoId()); }
        case Summary q -> out.writeByte(SUMMARY);
      }
    });
  }

  static IndexQuery decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte tag = in.readByte();
      return switch (tag) {
        case HOLDERS -> new HoldersOf(in.readUTF());
        case SUMMARY -> new Summary();
        default -> throw new IOException("unknown query tag " + tag);
      };
    } catch (IOException e) {
      throw new IllegalArgumentException("not an index query: " + e.getMessage(), e);
    }
  }

  static byte[] encodeHolding(Holding h) {
    return bytes(out -> {
      out.writeUTF(h.videoId());
      out.writeLong(h.version());
      CommandCodec.writeStrings(h.holders(), out);
      CommandCodec.writeStrings(h.assigned(), out);
      out.writeLong(h.appliedIndex());
    });
  }

  static Holding decodeHolding(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      return new Holding(in.readUTF(), in.readLong(), CommandCodec.readStrings(in), CommandCodec.readStrings(in), in.readLong());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a holding: " + e.getMessage(), e);
    }
  }

  static byte[] encodeSummary(IndexSummary s) {
    return bytes(out -> {
      out.writeLong(s.items());
      out.writeLong(s.edges());
      out.writeLong(s.holdings());
      out.writeLong(s.appliedIndex());
    });
  }

  static IndexSummary decodeSummary(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      return new IndexSummary(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a summary: " + e.getMessage(), e);
    }
  }

  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
