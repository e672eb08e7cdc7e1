package org.telcocdn.cache.sim;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The trace formats the simulator reads and the generator writes.
 *
 * <ul>
 *   <li>{@code oracle}: libCacheSim's oracleGeneral, 24-byte little-endian records {@code u32 time,
 *       u64 id, u32 size, i64 next access (request index, -1 if none)}.
 *   <li>{@code csv}: a header line, then {@code time,id,size}, or {@code time,id,size,site} for a
 *       trace of several sites (site 0 to 127).
 *   <li>{@code lrb}: LRB/webcachesim text, {@code time id size} separated by spaces.
 * </ul>
 */
public enum TraceFormat {
  ORACLE,
  CSV,
  LRB;

  private static final int RECORD = 24;

  public static TraceFormat of(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  public Trace read(Path file) throws IOException {
    return this == ORACLE ? readOracle(file) : readText(file, this == CSV ? "," : " ");
  }

  public void write(Trace trace, Path file) throws IOException {
    if (this == ORACLE) {
      writeOracle(trace, file);
    } else {
      writeText(trace, file);
    }
  }

  private static Trace readOracle(Path file) throws IOException {
    Trace.Builder trace = new Trace.Builder();
    byte[] record = new byte[RECORD];
    ByteBuffer buf = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        DataInputStream in = new DataInputStream(raw)) {
      while (true) {
        try {
          in.readFully(record);
        } catch (EOFException end) {
          return trace.build();
        }
        trace.add(
            Integer.toUnsignedLong(buf.getInt(0)),
            buf.getLong(4),
            Integer.toUnsignedLong(buf.getInt(12)));
      }
    }
  }

  private static void writeOracle(Trace trace, Path file) throws IOException {
    int[] next = trace.nextUse();
    ByteBuffer buf = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < trace.length(); i++) {
        buf.clear();
        buf.putInt((int) trace.time(i))
            .putLong(trace.id(i))
            .putInt((int) trace.size(i))
            .putLong(next[i]);
        out.write(buf.array());
      }
    }
  }

  private static Trace readText(Path file, String separator) throws IOException {
    Trace.Builder trace = new Trace.Builder();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      int lineNo = 0;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        String[] f = line.trim().split(separator.equals(" ") ? "\\s+" : ",");
        if (line.isBlank() || !Character.isDigit(f[0].charAt(0))) continue; // header, blank
        if (f.length < 3)
          throw new IOException(
              file + ":" + lineNo + ": expected time, id, size but got '" + line + "'");
        try {
          if (f.length > 3 && separator.equals(",")) {
            trace.add(
                Long.parseLong(f[0]),
                Long.parseUnsignedLong(f[1]),
                Long.parseLong(f[2]),
                Integer.parseInt(f[3]));
          } else {
            trace.add(Long.parseLong(f[0]), Long.parseUnsignedLong(f[1]), Long.parseLong(f[2]));
          }
        } catch (IllegalArgumentException e) {
          throw new IOException(
              file + ":" + lineNo + ": " + e.getMessage() + " in '" + line + "'", e);
        }
      }
    }
    return trace.build();
  }

  private void writeText(Trace trace, Path file) throws IOException {
    char sep = this == CSV ? ',' : ' ';
    boolean sites = this == CSV && trace.hasSites();
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      if (this == CSV) out.write(sites ? "time,id,size,site\n" : "time,id,size\n");
      StringBuilder line = new StringBuilder(64);
      for (int i = 0; i < trace.length(); i++) {
        line.setLength(0);
        line.append(trace.time(i))
            .append(sep)
            .append(Long.toUnsignedString(trace.id(i)))
            .append(sep)
            .append(trace.size(i));
        if (sites) line.append(sep).append(trace.site(i));
        out.append(line.append('\n'));
      }
    }
  }
}
