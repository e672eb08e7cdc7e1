package org.telcocdn.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.telcocdn.index.IndexCommand.AddEdge;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.Assign;
import org.telcocdn.index.IndexCommand.Batch;
import org.telcocdn.index.IndexCommand.BumpVersion;
import org.telcocdn.index.IndexCommand.Invalidate;
import org.telcocdn.index.IndexCommand.RemoveEdge;
import org.telcocdn.index.IndexCommand.ReportHoldings;

/**
 * The compact binary form of commands in the Raft log: a tag byte, then the fields as {@link
 * DataOutputStream} writes them. Binary rather than JSON because a holdings report is the bulk of
 * the log and every member re-reads it on replay. Public because it is the wire format between two
 * modules: {@link IndexClient} encodes, the server's state machine (module cache-index) decodes.
 */
public final class CommandCodec {
  private static final byte BUMP = 1,
      INVALIDATE = 2,
      REPORT = 3,
      ASSIGN = 4,
      ADD_EDGE = 5,
      REMOVE_EDGE = 6,
      BATCH = 7;

  private CommandCodec() {}

  public static byte[] encode(IndexCommand command) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(command, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static IndexCommand decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      return read(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an index command: " + e.getMessage(), e);
    }
  }

  private static void write(IndexCommand command, DataOutputStream out) throws IOException {
    switch (command) {
      case BumpVersion c -> {
        out.writeByte(BUMP);
        out.writeUTF(c.videoId());
      }
      case Invalidate c -> {
        out.writeByte(INVALIDATE);
        out.writeUTF(c.videoId());
      }
      case ReportHoldings c -> {
        out.writeByte(REPORT);
        out.writeUTF(c.edge());
        out.writeInt(c.admitted().size());
        for (Admission a : c.admitted()) {
          out.writeUTF(a.videoId());
          out.writeLong(a.version());
        }
        writeStrings(c.evicted(), out);
      }
      case Assign c -> {
        out.writeByte(ASSIGN);
        out.writeUTF(c.edge());
        writeStrings(c.videoIds(), out);
        out.writeLong(c.bytes());
      }
      case AddEdge c -> {
        out.writeByte(ADD_EDGE);
        out.writeUTF(c.edge());
        out.writeLong(c.capacityBytes());
      }
      case RemoveEdge c -> {
        out.writeByte(REMOVE_EDGE);
        out.writeUTF(c.edge());
      }
      case Batch c -> {
        out.writeByte(BATCH);
        out.writeInt(c.commands().size());
        for (IndexCommand inner : c.commands()) write(inner, out);
      }
    }
  }

  private static IndexCommand read(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case BUMP -> new BumpVersion(in.readUTF());
      case INVALIDATE -> new Invalidate(in.readUTF());
      case REPORT -> readReport(in);
      case ASSIGN -> new Assign(in.readUTF(), readStrings(in), in.readLong());
      case ADD_EDGE -> new AddEdge(in.readUTF(), in.readLong());
      case REMOVE_EDGE -> new RemoveEdge(in.readUTF());
      case BATCH -> readBatch(in);
      default -> throw new IOException("unknown tag " + tag);
    };
  }

  private static ReportHoldings readReport(DataInputStream in) throws IOException {
    String edge = in.readUTF();
    int n = in.readInt();
    List<Admission> admitted = new ArrayList<>(n);
    for (int i = 0; i < n; i++) admitted.add(new Admission(in.readUTF(), in.readLong()));
    return new ReportHoldings(edge, admitted, readStrings(in));
  }

  private static Batch readBatch(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<IndexCommand> commands = new ArrayList<>(n);
    for (int i = 0; i < n; i++) commands.add(read(in));
    return new Batch(commands);
  }

  public static void writeStrings(List<String> values, DataOutputStream out) throws IOException {
    out.writeInt(values.size());
    for (String v : values) out.writeUTF(v);
  }

  public static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) values.add(in.readUTF());
    return values;
  }

  public static byte[] encodeResults(long[] results) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + 8 * results.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(results.length);
      for (long r : results) out.writeLong(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static long[] decodeResults(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      long[] results = new long[in.readInt()];
      for (int i = 0; i < results.length; i++) results[i] = in.readLong();
      return results;
    } catch (IOException e) {
      throw new IllegalArgumentException("not an index reply: " + e.getMessage(), e);
    }
  }
}
