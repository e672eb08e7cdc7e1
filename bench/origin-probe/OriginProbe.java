import io.grpc.ManagedChannel;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;
import org.telcocdn.protocol.origin.client.OriginChannels;

/**
 * Times fetches straight from an origin over gRPC, the way an edge makes them (one long-lived
 * channel, the async client, flow control by the caller), so a benchmark can compare an edge's
 * time to first byte on a miss with its own origin's, not with some other server's. Prints one line
 * per fetch, {@code TTFB_SECONDS TOTAL_SECONDS} (as curl's {@code -w "%{time_starttransfer}
 * %{time_total}"}), where the first byte is the first data chunk.
 *
 * <pre>java -cp CLASSPATH bench/origin-probe/OriginProbe.java HOST:PORT VIDEO_ID FIRST COUNT PARALLEL [WARMUP_PASSES]</pre>
 * fetches {@code FIRST.m4s} ... {@code (FIRST+COUNT-1).m4s} of {@code VIDEO_ID}, {@code PARALLEL}
 * at a time. The probe is a fresh JVM: untimed passes over the same objects first (3 by default)
 * warm its channel and JIT, else its own start-up would be charged to the origin and flatter the
 * edge it is compared with. Run by bench/edge-vs-peers, with the Java source launcher (this
 * directory is the program; CLASSPATH is cli/target/classpath.txt's).
 */
public final class OriginProbe {
  private static final long DEADLINE_MILLIS = 30_000;
  private static final int WARMUP_PASSES = 3;

  private OriginProbe() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 5 && args.length != 6) {
      System.err.println("usage: OriginProbe HOST:PORT VIDEO_ID FIRST COUNT PARALLEL [WARMUP_PASSES]");
      System.exit(2);
    }
    int warmups = args.length == 6 ? Integer.parseInt(args[5]) : WARMUP_PASSES;
    ManagedChannel channel = OriginChannels.open(args[0], serviceTls().grpcClient());
    try {
      AsyncOriginClient client = new AsyncOriginClient(channel, DEADLINE_MILLIS);
      for (int pass = 0; pass < warmups; pass++) run(client, args, false);
      run(client, args, true);
    } finally {
      channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void run(AsyncOriginClient client, String[] args, boolean print) throws InterruptedException {
    int first = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    Semaphore slots = new Semaphore(Integer.parseInt(args[4]));
    CompletableFuture<?>[] all = new CompletableFuture<?>[count];
    for (int i = 0; i < count; i++) {
      slots.acquire();
      all[i] = TimedFetch.fetch(client, args[1], (first + i) + ".m4s").whenComplete((timed, e) -> {
        slots.release();
        if (print) System.out.println(e == null ? line(timed) : "error " + e.getMessage());
      });
    }
    CompletableFuture.allOf(all).exceptionally(e -> null).join();
  }

  private static String line(TimedFetch timed) {
    return String.format(Locale.ROOT, "%.6f %.6f", timed.firstByteNanos() / 1e9, timed.totalNanos() / 1e9);
  }

  /**
   * The origin's gRPC port speaks only mutual TLS and serves only edges: the probe presents an
   * edge's certificate, named by the system properties security.tls.cert, .key and .ca.
   */
  private static org.telcocdn.security.TlsMaterial serviceTls() {
    return org.telcocdn.security.TlsMaterial.load(
        java.nio.file.Path.of(System.getProperty("security.tls.cert")),
        java.nio.file.Path.of(System.getProperty("security.tls.key")),
        java.nio.file.Path.of(System.getProperty("security.tls.ca")));
  }
}
