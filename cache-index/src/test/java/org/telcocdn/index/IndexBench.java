package org.telcocdn.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.telcocdn.index.IndexCommand.AddEdge;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.Batch;
import org.telcocdn.index.IndexCommand.ReportHoldings;
import org.telcocdn.security.TlsMaterial;

/**
 * Load generator of bench/cache-index/run.sh: several clients commit batches of holdings reports to
 * a running group and measure committed reports per second and the commit latency of each batch
 * (from submit to the committed reply). Bounded: a warm-up, then a fixed measuring window.
 *
 * <p>Arguments: PEERS SECONDS CLIENTS BATCH INFLIGHT, e.g. {@code n1=127.0.0.1:19861,... 10 4 50
 * 4}.
 */
public final class IndexBench {
  private static final int EDGES = 50;
  private static final int TITLES = 100_000;

  private IndexBench() {}

  public static void main(String[] args) throws Exception {
    List<IndexPeer> peers = IndexPeer.parseList(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int clients = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    int inflight = Integer.parseInt(args[4]);
    try (IndexClient setup = IndexClient.connect(peers, benchTls())) {
      List<IndexCommand> edges = new ArrayList<>();
      for (int e = 0; e < EDGES; e++) edges.add(new AddEdge("edge-" + e, 1L << 40));
      setup.submit(new Batch(edges));
    }
    AtomicLong reports = new AtomicLong();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    long warmUpEnd = System.nanoTime() + 2_000_000_000L;
    long end = warmUpEnd + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> drive(peers, client, batch, inflight, warmUpEnd, end, reports, latencies)));
    }
    for (Thread t : threads) t.join();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "RESULT clients=%d batch=%d inflight=%d seconds=%d reports_per_s=%.0f entries_per_s=%.0f p50_ms=%.2f p99_ms=%.2f%n",
        clients,
        batch,
        inflight,
        seconds,
        reports.get() / (double) seconds,
        sorted.length / (double) seconds,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6);
  }

  private static void drive(
      List<IndexPeer> peers,
      int client,
      int batch,
      int inflight,
      long warmUpEnd,
      long end,
      AtomicLong reports,
      ConcurrentLinkedQueue<Long> latencies) {
    Semaphore window = new Semaphore(inflight);
    long sequence = 0;
    try (IndexClient index = IndexClient.connect(peers, benchTls())) {
      List<CompletableFuture<long[]>> pending = new ArrayList<>();
      while (System.nanoTime() < end) {
        window.acquireUninterruptibly();
        IndexCommand command = reports(client, sequence, batch);
        sequence += batch;
        long start = System.nanoTime();
        CompletableFuture<long[]> reply =
            index
                .submitAsync(command)
                .whenComplete(
                    (r, e) -> {
                      long done = System.nanoTime();
                      window.release();
                      if (e == null && start >= warmUpEnd && done <= end) {
                        latencies.add(done - start);
                        reports.addAndGet(r.length);
                      }
                    });
        pending.add(reply);
        if (pending.size() > 1000) pending.removeIf(CompletableFuture::isDone);
      }
      pending.forEach(f -> f.exceptionally(e -> null).join());
    }
  }

  /** {@code batch} edge reports, each admitting two titles and evicting one. */
  private static IndexCommand reports(int client, long sequence, int batch) {
    List<IndexCommand> commands = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      long n = sequence + i;
      String edge = "edge-" + ((client * 7 + n) % EDGES);
      commands.add(
          new ReportHoldings(
              edge,
              List.of(
                  new Admission("v" + (n * 31 % TITLES), 0),
                  new Admission("v" + (n * 17 % TITLES), 0)),
              List.of("v" + (n * 13 % TITLES))));
    }
    return new Batch(commands);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /**
   * The index speaks only mutual TLS: the driver presents the certificate named by the system
   * properties {@code security.tls.cert}, {@code security.tls.key} and {@code security.tls.ca} (a
   * service's files under {@code dataDir/secrets}).
   */
  private static TlsMaterial benchTls() {
    return TlsMaterial.load(
        Path.of(System.getProperty("security.tls.cert")),
        Path.of(System.getProperty("security.tls.key")),
        Path.of(System.getProperty("security.tls.ca")));
  }
}
