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
 *
 * <p>Both directions hold {@link CommandRules}: {@link #encode} refuses a command that breaks them,
 * and {@link #decode} refuses bytes that are not exactly one valid command (unknown tag, a count
 * larger than the bytes left could hold, trailing bytes), always with an {@link
 * InvalidCommandException} and never by allocating what a count claims before the bytes are there.
 * A rejected entry's result is {@link #encodeRejection}, which {@link #decodeResults} turns back
 * into the exception.
 */
public final class CommandCodec {
  private static final byte BUMP = 1,
      INVALIDATE = 2,
      REPORT = 3,
      ASSIGN = 4,
      ADD_EDGE = 5,
      REMOVE_EDGE = 6,
      BATCH = 7;

  /** In place of the result count: the entry was rejected, a reason follows. */
  private static final int REJECTED = -1;

  private CommandCodec() {}

  /**
   * The command's bytes; throws {@link InvalidCommandException} for a command that breaks {@link
   * CommandRules}.
   */
  public static byte[] encode(IndexCommand command) {
    CommandRules.check(command);
    ByteArrayOutputStream bytes = new Bounded(CommandRules.MAX_COMMAND_BYTES);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(command, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Refuses the write that would pass {@code max} bytes, so an oversized command is never built
   * whole.
   */
  private static final class Bounded extends ByteArrayOutputStream {
    private final int max;

    Bounded(int max) {
      super(64);
      this.max = max;
    }

    @Override
    public synchronized void write(int b) {
      room(1);
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      room(len);
      super.write(b, off, len);
    }

    private void room(int more) {
      if (count + more > max)
        throw new InvalidCommandException(
            "a command takes at most " + max + " bytes, this one more");
    }
  }

  /** The one valid command in {@code data}; anything else is an {@link InvalidCommandException}. */
  public static IndexCommand decode(byte[] data) {
    if (data.length > CommandRules.MAX_COMMAND_BYTES) {
      throw new InvalidCommandException(
          "a command takes at most "
              + CommandRules.MAX_COMMAND_BYTES
              + " bytes, this one "
              + data.length);
    }
    IndexCommand command;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      command = read(in, false);
      if (in.available() > 0)
        throw new InvalidCommandException(in.available() + " bytes after the command");
    } catch (InvalidCommandException e) {
      throw e;
    } catch (IOException | RuntimeException e) { // EOF, bad UTF-8, a record refusing its fields
      throw new InvalidCommandException("not an index command: " + e);
    }
    CommandRules.check(command);
    return command;
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

  private static IndexCommand read(DataInputStream in, boolean inBatch) throws IOException {
    byte tag = in.readByte();
    if (tag == BATCH && inBatch) throw new InvalidCommandException("batches do not nest");
    return switch (tag) {
      case BUMP -> new BumpVersion(in.readUTF());
      case INVALIDATE -> new Invalidate(in.readUTF());
      case REPORT -> readReport(in);
      case ASSIGN -> new Assign(in.readUTF(), readStrings(in), in.readLong());
      case ADD_EDGE -> new AddEdge(in.readUTF(), in.readLong());
      case REMOVE_EDGE -> new RemoveEdge(in.readUTF());
      case BATCH -> readBatch(in);
      default -> throw new InvalidCommandException("unknown command tag " + tag);
    };
  }

  private static ReportHoldings readReport(DataInputStream in) throws IOException {
    String edge = in.readUTF();
    int n = count(in, CommandRules.MAX_ITEMS, 2 + 8);
    List<Admission> admitted = new ArrayList<>(n);
    for (int i = 0; i < n; i++) admitted.add(new Admission(in.readUTF(), in.readLong()));
    return new ReportHoldings(edge, admitted, readStrings(in));
  }

  private static Batch readBatch(DataInputStream in) throws IOException {
    int n = count(in, CommandRules.MAX_BATCH, 1 + 2);
    List<IndexCommand> commands = new ArrayList<>(n);
    for (int i = 0; i < n; i++) commands.add(read(in, true));
    return new Batch(commands);
  }

  public static void writeStrings(List<String> values, DataOutputStream out) throws IOException {
    out.writeInt(values.size());
    for (String v : values) out.writeUTF(v);
  }

  /**
   * A list of at most {@link CommandRules#MAX_QUERY_TITLES} strings, as {@link #writeStrings} wrote
   * it.
   */
  public static List<String> readStrings(DataInputStream in) throws IOException {
    int n = count(in, CommandRules.MAX_QUERY_TITLES, 2);
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) values.add(in.readUTF());
    return values;
  }

  /**
   * A count read from {@code in}, refused when above {@code max} or when the bytes left cannot hold
   * that many items of at least {@code minItemBytes} each: a count from a damaged or hostile entry
   * never sizes an allocation. {@code in} reads a byte array, so {@code available()} is what is
   * left.
   */
  static int count(DataInputStream in, int max, int minItemBytes) throws IOException {
    int n = in.readInt();
    CommandRules.count("items in a list", n, max);
    if ((long) n * minItemBytes > in.available()) {
      throw new InvalidCommandException(
          "a list claims " + n + " items but only " + in.available() + " bytes follow");
    }
    return n;
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

  /**
   * The reply to an entry that was not a valid command: it was applied as this error, changing
   * nothing.
   */
  public static byte[] encodeRejection(String reason) {
    String shown = reason.length() > 1_000 ? reason.substring(0, 1_000) + "…" : reason;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + shown.length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(REJECTED);
      out.writeUTF(shown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** One result per command; an {@link InvalidCommandException} when the entry was rejected. */
  public static long[] decodeResults(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int n = in.readInt();
      if (n == REJECTED)
        throw new InvalidCommandException("the index rejected the command: " + in.readUTF());
      if (n < 0 || (long) n * 8 > in.available())
        throw new IOException(n + " results in " + data.length + " bytes");
      long[] results = new long[n];
      for (int i = 0; i < results.length; i++) results[i] = in.readLong();
      return results;
    } catch (IOException e) {
      throw new IllegalArgumentException("not an index reply: " + e.getMessage(), e);
    }
  }
}
