import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;
import org.telcocdn.protocol.origin.client.OriginChannels;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.TlsMaterial;

/**
 * Paced cold misses at an origin while it ingests, for bench/origin-during-ingest: every tick fetches
 * one object from vid-raw over gRPC ({@link TimedFetch}, as an edge does) and another through a
 * vid-cache edge with an empty cache (so the edge fills it from that origin), each object once, and
 * prints one line per fetch:
 *
 * <pre>PHASE PATH TTFB_MS TOTAL_MS LAG_MS</pre>
 *
 * PATH is {@code grpc} or {@code edge}; LAG is how late the tick was dispatched (the probe's own
 * scheduling delay, not counted in TTFB: the probe shares the host, a real client would not). Phases:
 * {@code warmup} (not to be counted), {@code idle} (no ingest), {@code upload} (the ingest's upload
 * and ffprobe, before ffmpeg starts), {@code transcode} (while the origin process ORIGIN_PID has a
 * descendant ffmpeg running the ladder, {@code -filter_complex}, looked for every 100 ms in
 * {@code /proc}: any version of the origin, including one without transcode metrics); then the
 * ingest's answer as {@code ingest STATUS SECONDS}.
 *
 * <pre>java -cp CLASSPATH bench/origin-probe/PacedMisses.java GRPC_TARGET EDGE_URL ORIGIN_HTTP_URL OBJECTS_FILE
 *     RATE WARMUP_TICKS IDLE_SECONDS TRANSCODE_SECONDS UPLOAD_FILE ORIGIN_PID</pre>
 *
 * OBJECTS_FILE lists {@code VIDEO_ID PATH} per line, shuffled here with a fixed seed; it must hold
 * two objects per tick of every phase. Every fetch has a 30-s deadline; the run is bounded by its
 * tick counts and stops by itself. The ingest is an operator's: ORIGIN_HTTP_URL is vid-raw's HTTPS
 * listener, trusted with the CA of the secrets directory named by {@code -Dbench.secrets} (as {@code
 * cdn secrets} makes it), and the call carries its admin token.
 */
public final class PacedMisses {
  private static final long DEADLINE_MILLIS = 30_000;

  private final AsyncOriginClient grpc;
  private final URI edge;
  private final URI origin;
  private final List<String[]> objects;
  private final long periodNanos;
  private static final Secrets SECRETS = Secrets.at(Path.of(System.getProperty("bench.secrets")));
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .sslContext(TlsMaterial.trustOnly(SECRETS.caCert())).build();
  private final ProcessHandle originProcess;
  private final Phaser inFlight = new Phaser(1);
  private volatile boolean transcoding;
  private int next;
  private long due;

  private PacedMisses(AsyncOriginClient grpc, URI edge, URI origin, List<String[]> objects, int rate,
      ProcessHandle originProcess) {
    this.grpc = grpc;
    this.edge = edge;
    this.origin = origin;
    this.objects = objects;
    this.periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    this.originProcess = originProcess;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 10) {
      System.err.println("usage: PacedMisses GRPC_TARGET EDGE_URL ORIGIN_HTTP_URL OBJECTS_FILE RATE WARMUP_TICKS "
          + "IDLE_SECONDS TRANSCODE_SECONDS UPLOAD_FILE ORIGIN_PID");
      System.exit(2);
    }
    List<String[]> objects = new ArrayList<>(Files.readAllLines(Path.of(args[3])).stream()
        .filter(l -> !l.isBlank()).map(l -> l.trim().split(" ", 2)).toList());
    Collections.shuffle(objects, new Random(14));
    int rate = Integer.parseInt(args[4]);
    ManagedChannel channel = OriginChannels.open(args[0], serviceTls().grpcClient());
    try {
      PacedMisses probe = new PacedMisses(new AsyncOriginClient(channel, DEADLINE_MILLIS), URI.create(args[1]),
          URI.create(args[2]), objects, rate, ProcessHandle.of(Long.parseLong(args[9])).orElseThrow(
              () -> new IllegalArgumentException("no process " + args[9])));
      probe.run(Integer.parseInt(args[5]), Integer.parseInt(args[6]) * rate, Integer.parseInt(args[7]) * rate,
          Path.of(args[8]));
    } finally {
      channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private void run(int warmupTicks, int idleTicks, int transcodeTicks, Path upload) throws Exception {
    int needed = 2 * (warmupTicks + idleTicks + transcodeTicks) + 2 * 600; // the upload phase rarely takes 60 s
    if (objects.size() < needed) throw new IllegalArgumentException(objects.size() + " objects, want at least " + needed);
    due = System.nanoTime();
    for (int i = 0; i < warmupTicks; i++) tick("warmup");
    for (int i = 0; i < idleTicks; i++) tick("idle");
    Thread poller = Thread.ofVirtual().start(this::pollTranscoding);
    long ingestStart = System.nanoTime();
    CompletableFuture<HttpResponse<String>> ingest = http.sendAsync(HttpRequest.newBuilder(
            origin.resolve("/api/ingest?name=bench-ingest-" + System.currentTimeMillis()))
        .header("Authorization", "Bearer " + Files.readString(SECRETS.operatorToken()).strip())
        .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(upload)).build(),
        HttpResponse.BodyHandlers.ofString());
    int uploadTicks = 0;
    while (!transcoding && !ingest.isDone() && uploadTicks < 600) {
      tick("upload");
      uploadTicks++;
    }
    for (int i = 0; i < transcodeTicks && transcoding; i++) tick("transcode");
    inFlight.arriveAndAwaitAdvance();
    HttpResponse<String> answer = ingest.get(30, TimeUnit.MINUTES);
    poller.interrupt();
    System.out.printf(Locale.ROOT, "ingest %d %.1f%n", answer.statusCode(), (System.nanoTime() - ingestStart) / 1e9);
  }

  /**
   * One tick of the schedule: a gRPC and an edge miss, dispatched without waiting for them. A probe
   * more than a second behind its schedule starts the schedule again from now rather than catch up
   * in a burst that would load the origin beyond the rate.
   */
  private void tick(String phase) {
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) LockSupport.parkNanos(wait);
    long lag = System.nanoTime() - due;
    due = lag > TimeUnit.SECONDS.toNanos(1) ? System.nanoTime() + periodNanos : due + periodNanos;
    String[] viaGrpc = objects.get(next++);
    String[] viaEdge = objects.get(next++);
    grpcMiss(phase, viaGrpc, lag);
    inFlight.register();
    Thread.ofVirtual().start(() -> edgeMiss(phase, viaEdge, lag));
  }

  private void grpcMiss(String phase, String[] object, long lag) {
    inFlight.register();
    TimedFetch.fetch(grpc, object[0], object[1]).whenComplete((timed, e) -> {
      print(phase, "grpc", e == null ? timed : null, e, lag);
      inFlight.arriveAndDeregister();
    });
  }

  /** A plain HTTP/1.1 GET on a new connection, like curl: the first byte of the answer is its TTFB. */
  private void edgeMiss(String phase, String[] object, long lag) {
    long start = System.nanoTime();
    try (Socket socket = new Socket(edge.getHost(), edge.getPort())) {
      socket.setSoTimeout((int) DEADLINE_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /videos/" + object[0] + "/" + object[1] + " HTTP/1.1\r\nHost: " + edge.getAuthority()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      int n = in.readNBytes(head, 0, head.length);
      long firstByte = System.nanoTime();
      String status = new String(head, 0, n, StandardCharsets.US_ASCII);
      in.transferTo(OutputStream.nullOutputStream());
      long end = System.nanoTime();
      if (!status.startsWith("HTTP/1.1 200")) throw new IOException("answered " + status.strip());
      print(phase, "edge", new TimedFetch(firstByte - start, end - start), null, lag);
    } catch (IOException e) {
      print(phase, "edge", null, e, lag);
    } finally {
      inFlight.arriveAndDeregister();
    }
  }

  private static synchronized void print(String phase, String path, TimedFetch timed, Throwable error, long lag) {
    if (timed == null) {
      System.out.println(phase + " " + path + " error " + String.valueOf(error).replace('\n', ' '));
      return;
    }
    System.out.printf(Locale.ROOT, "%s %s %.3f %.3f %.3f%n", phase, path, timed.firstByteNanos() / 1e6,
        timed.totalNanos() / 1e6, lag / 1e6);
  }

  /** Looks for the origin's ladder ffmpeg every 100 ms until interrupted. */
  private void pollTranscoding() {
    while (!Thread.currentThread().isInterrupted()) {
      transcoding = originProcess.descendants().anyMatch(PacedMisses::isLadder);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** ffmpeg with a filter graph: the ladder run, not ffprobe or the poster's run. */
  private static boolean isLadder(ProcessHandle p) {
    return p.info().command().filter(c -> c.endsWith("/ffmpeg")).isPresent()
        && p.info().arguments().filter(a -> List.of(a).contains("-filter_complex")).isPresent();
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
