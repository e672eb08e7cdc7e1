package org.telcocdn.accesslog;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Per-record cost of the access log outside the edge: a producer thread offers N events (what the
 * edge's AccessLogHandler hands over) into an {@link AccessLogWriter} writing real files, and the
 * writer thread's own CPU time and allocation are read from the JVM per round. Prints per round and
 * the median. Not a test: run by {@code bench/access-log/run.sh}.
 *
 * <p>Usage: {@code AccessLogWriterBench DIR [RECORDS] [ROUNDS] [plain|cmcd]}; {@code plain} is the
 * edge benchmark's request (no CMCD), {@code cmcd} what hls.js sends in query mode.
 */
public final class AccessLogWriterBench {
  private static final String CMCD =
      "?CMCD=bl%3D12000%2Cbr%3D2943%2Ccid%3D%2289a8c1cbf9d9%22%2Cd%3D2000%2Cmtp%3D48100"
          + "%2Cot%3Dav%2Csf%3Dh%2Csid%3D%2238627b0f-6b16-46a9-b508-ed0da7d90616%22%2Csu%2Ctb%3D2943";

  private AccessLogWriterBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    boolean cmcd = args.length > 3 && args[3].equals("cmcd");
    AccessEvent[] events = events(cmcd);
    ThreadMXBean jvm = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    double[] cpuNanos = new double[rounds];
    double[] allocBytes = new double[rounds];
    for (int round = -1; round < rounds; round++) { // round -1 warms the JIT up
      Path roundDir = Files.createTempDirectory(dir, "round");
      AccessLogWriter writer =
          new AccessLogWriter(
              roundDir,
              "edge-1",
              "site-a",
              ClientAddress.MASKED,
              "",
              new Rotation(256L << 20, Duration.ofHours(1)),
              1 << 20,
              null,
              System::currentTimeMillis);
      Thread thread = writerThread();
      long cpu0 = jvm.getThreadCpuTime(thread.threadId());
      long alloc0 = jvm.getThreadAllocatedBytes(thread.threadId());
      for (int i = 0; i < records; i++) {
        while (!writer.offer(events[i & (events.length - 1)]))
          Thread.onSpinWait(); // never drop: count every record
      }
      while (writer.written() < records) Thread.sleep(1);
      long cpu = jvm.getThreadCpuTime(thread.threadId()) - cpu0;
      long alloc = jvm.getThreadAllocatedBytes(thread.threadId()) - alloc0;
      writer.close();
      delete(roundDir);
      if (round < 0) continue;
      cpuNanos[round] = (double) cpu / records;
      allocBytes[round] = (double) alloc / records;
      System.out.printf(
          "round %d: writer CPU %.0f ns/record, allocated %.0f B/record%n",
          round + 1, cpuNanos[round], allocBytes[round]);
    }
    System.out.printf(
        "median (%s, %,d records x %d rounds): writer CPU %.0f ns/record, allocated %.0f B/record%n",
        cmcd ? "cmcd" : "plain", records, rounds, median(cpuNanos), median(allocBytes));
  }

  /** 1024 distinct events (a power of two, so the index is a mask). */
  private static AccessEvent[] events(boolean cmcd) {
    AccessEvent[] out = new AccessEvent[1024];
    for (int i = 0; i < out.length; i++) {
      String uri =
          "/videos/"
              + String.format("%012x", 0x3f9a0c1b2d4eL + i % 64)
              + "/720p/seg_"
              + String.format("%05d", i % 300)
              + ".m4s"
              + (cmcd ? CMCD : "");
      out[i] =
          new AccessEvent(
              1_764_079_200_123L + i,
              "GET",
              uri,
              "10.0." + (i % 200) + "." + (i % 250),
              null,
              200,
              65_536,
              i % 10 == 0 ? "MISS" : "HIT",
              180_000,
              950_000);
    }
    return out;
  }

  private static Thread writerThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("edge-1-access-log") && t.isAlive())
        .findFirst()
        .orElseThrow();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
