package org.telcocdn.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A read of the index, and the binary forms of the question and of its answer: the wire format
 * between {@link IndexClient} and the server's state machine (module cache-index), hence public.
 */
public sealed interface IndexQuery {
  byte HOLDERS = 1, SUMMARY = 2, SITE_VIEW = 3;

  record HoldersOf(String videoId) implements IndexQuery {}

  /**
   * Every title some of {@code edges} hold or are assigned, plus {@code videoIds}: an edge's view
   * of its site in one read.
   */
  record SiteView(List<String> edges, List<String> videoIds) implements IndexQuery {}

  record Summary() implements IndexQuery {}

  static byte[] encode(IndexQuery query) {
    return bytes(
        out -> {
          switch (query) {
            case HoldersOf q -> {
              out.writeByte(HOLDERS);
              out.writeUTF(q.videoId());
            }
            case Summary q -> out.writeByte(SUMMARY);
            case SiteView q -> {
              out.writeByte(SITE_VIEW);
              CommandCodec.writeStrings(q.edges(), out);
              CommandCodec.writeStrings(q.videoIds(), out);
            }
          }
        });
  }

  static IndexQuery decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte tag = in.readByte();
      return switch (tag) {
        case HOLDERS -> new HoldersOf(in.readUTF());
        case SUMMARY -> new Summary();
        case SITE_VIEW -> new SiteView(CommandCodec.readStrings(in), CommandCodec.readStrings(in));
        default -> throw new IOException("unknown query tag " + tag);
      };
    } catch (IOException e) {
      throw new IllegalArgumentException("not an index query: " + e.getMessage(), e);
    }
  }

  static byte[] encodeHoldings(List<Holding> holdings) {
    return bytes(
        out -> {
          out.writeInt(holdings.size());
          for (Holding h : holdings) out.write(encodeHolding(h));
        });
  }

  static List<Holding> decodeHoldings(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int count = in.readInt();
      List<Holding> holdings = new ArrayList<>(count);
      for (int i = 0; i < count; i++) holdings.add(readHolding(in));
      return holdings;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a list of holdings: " + e.getMessage(), e);
    }
  }

  static byte[] encodeHolding(Holding h) {
    return bytes(
        out -> {
          out.writeUTF(h.videoId());
          out.writeLong(h.version());
          CommandCodec.writeStrings(h.holders(), out);
          CommandCodec.writeStrings(h.assigned(), out);
          out.writeLong(h.appliedIndex());
        });
  }

  static Holding decodeHolding(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      return readHolding(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a holding: " + e.getMessage(), e);
    }
  }

  private static Holding readHolding(DataInputStream in) throws IOException {
    return new Holding(
        in.readUTF(),
        in.readLong(),
        CommandCodec.readStrings(in),
        CommandCodec.readStrings(in),
        in.readLong());
  }

  static byte[] encodeSummary(IndexSummary s) {
    return bytes(
        out -> {
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
