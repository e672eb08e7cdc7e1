package org.telcocdn.cache.tier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;

/**
 * A loopback timing of a regional hit (bench/tier-fill-loopback): an origin, regional-1 and edge-1
 * (its parent regional-1) on port 0 in this JVM, every object warmed into regional-1 first. Each
 * round takes new objects and times, on kept-alive connections, the time to first byte of: a
 * regional hit through edge-1 ({@code MISS, HIT from regional-1}), the same objects asked of
 * regional-1's tier route directly with an edge's certificate (TLS), of its viewer listener
 * (plain), and again at edge-1 (edge hits). The order of the first three alternates by round. Not a
 * test: it prints medians, run by hand ({@code main ROUNDS PER_ROUND}).
 */
public final class TierFillTiming {
  private static final int SIZE = 200_000;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Path dir = Files.createTempDirectory("tier-fill-timing");
    FakeOrigin origin = new FakeOrigin();
    int objects = (rounds + 1) * perRound;
    for (int i = 0; i < objects; i++)
      origin.put("v1", "720p/seg_" + i + ".m4s", EdgeFixture.random(SIZE, i));
    Map<String, String> big =
        Map.of("edge.disk.max-bytes", "1GiB", "edge.memory.max-bytes", "256MiB");
    try (TierCaches caches = new TierCaches(origin.target(), dir)) {
      EdgeServer regional = caches.start("regional-1", "regional-north", with(big, "regional"));
      EdgeServer edge = caches.start("edge-1", "edge-a", parents(big, regional.controlUrl()));
      SSLContext tls =
          EdgeFixture.CREDS.service(ServiceIdentity.of(ServiceRoles.EDGE, "edge-timing"));
      try (Conn warm = Conn.plain(URI.create(regional.url()))) {
        for (int i = 0; i < objects; i++) warm.ttfb(path(i)); // regional-1 holds them all
      }
      Thread.sleep(2000); // its commits
      // opened now: a connection idle through the warm-up would meet the listeners' idle timeout
      try (Conn viaEdge = Conn.plain(URI.create(edge.url()));
          Conn tier = Conn.tls(URI.create(regional.controlUrl()), tls);
          Conn viewer = Conn.plain(URI.create(regional.url()))) {
        warmUp(viaEdge, tier, viewer, perRound);
        Map<String, List<Double>> t = new java.util.LinkedHashMap<>();
        for (String k : List.of("regional-hit", "tier-route", "regional-viewer", "edge-hit"))
          t.put(k, new ArrayList<>());
        for (int r = 1; r <= rounds; r++) {
          int from = r * perRound;
          if (r % 2 == 1) {
            batch(viaEdge, "", from, perRound, t.get("regional-hit"));
            batch(tier, "/internal/tier", from, perRound, t.get("tier-route"));
          } else {
            batch(tier, "/internal/tier", from, perRound, t.get("tier-route"));
            batch(viaEdge, "", from, perRound, t.get("regional-hit"));
          }
          batch(viewer, "", from, perRound, t.get("regional-viewer"));
          batch(viaEdge, "", from, perRound, t.get("edge-hit"));
          System.out.printf(
              "round %d load %s: %s%n", r, load(), summary(t, r * perRound - perRound));
        }
        System.out.println("ALL " + summary(t, 0));
      }
    } finally {
      origin.close();
    }
  }

  /** The first objects once more through every path: JIT, connections, TLS sessions. */
  private static void warmUp(Conn viaEdge, Conn tier, Conn viewer, int n) throws IOException {
    List<Double> ignored = new ArrayList<>();
    batch(viaEdge, "", 0, n, ignored);
    batch(tier, "/internal/tier", 0, n, ignored);
    batch(viewer, "", 0, n, ignored);
    batch(viaEdge, "", 0, n, ignored);
  }

  private static void batch(Conn c, String prefix, int from, int n, List<Double> into)
      throws IOException {
    for (int i = from; i < from + n; i++) into.add(c.ttfb(prefix + path(i)));
  }

  private static String summary(Map<String, List<Double>> t, int skip) {
    StringBuilder s = new StringBuilder();
    t.forEach(
        (k, v) -> s.append(String.format("%s %.2f ms  ", k, median(v.subList(skip, v.size())))));
    return s.toString();
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length == 0 ? Double.NaN : a[a.length / 2];
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static String path(int i) {
    return "/videos/v1/720p/seg_" + i + ".m4s";
  }

  private static Map<String, String> with(Map<String, String> base, String tier) {
    Map<String, String> m = new java.util.HashMap<>(base);
    m.put("edge.tier", tier);
    return m;
  }

  private static Map<String, String> parents(Map<String, String> base, String parent) {
    Map<String, String> m = new java.util.HashMap<>(base);
    m.put("edge.parents.primary", "regional-1=" + parent);
    return m;
  }

  /** One kept-alive HTTP/1.1 connection, timed to the first byte of each response. */
  private record Conn(Socket socket, String host) implements AutoCloseable {
    static Conn plain(URI uri) throws IOException {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
      return new Conn(s, uri.getHost() + ":" + uri.getPort());
    }

    static Conn tls(URI uri, SSLContext context) throws IOException {
      SSLSocket s =
          (SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort());
      s.setTcpNoDelay(true);
      s.startHandshake();
      return new Conn(s, uri.getHost() + ":" + uri.getPort());
    }

    /** Milliseconds from the request's write to the response's first byte; reads it all. */
    double ttfb(String path) throws IOException {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      byte[] request =
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      long start = System.nanoTime();
      out.write(request);
      out.flush();
      int first = in.read();
      long firstByte = System.nanoTime();
      if (first < 0) throw new IOException("closed before answering " + path);
      String head = (char) first + readHead(in);
      if (!head.startsWith("HTTP/1.1 200"))
        throw new IOException(path + ": " + head.lines().findFirst().orElse(""));
      long length = contentLength(head);
      in.readNBytes((int) length);
      return (firstByte - start) / 1e6;
    }

    private static String readHead(InputStream in) throws IOException {
      StringBuilder s = new StringBuilder();
      while (!s.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) throw new IOException("closed in the head");
        s.append((char) b);
      }
      return s.toString();
    }

    private static long contentLength(String head) {
      for (String line : head.split("\r\n"))
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
          return Long.parseLong(line.substring(15).strip());
      throw new IllegalStateException("no Content-Length: " + head);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
