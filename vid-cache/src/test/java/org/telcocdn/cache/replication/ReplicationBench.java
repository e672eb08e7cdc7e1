package org.telcocdn.cache.replication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexPeer;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.TlsMaterial;

/**
 * The driver of {@code bench/edge-replication} (not a test): given running edges of one site, it
 * measures (1) the time from an admission on one edge until every replica holds the object, and (2)
 * after an edge was cut off from its peers ({@code POST /internal/faults}, {@code
 * edge.fault-injection=true}) while a new version was written through the index and objects were
 * admitted elsewhere, the time from the heal until it holds them at the new version, and the
 * anti-entropy rounds that took. Prints one line per sample and the medians.
 *
 * <pre>
 * ReplicationBench replicate FACTOR SAMPLES PREFIX name=viewerUrl|controlUrl,...
 * ReplicationBench partition FACTOR TRIALS PREFIX INDEX_PEERS name=viewerUrl|controlUrl,...
 * </pre>
 *
 * Objects {@code PREFIX-k/v/seg_00001.m4s} (and {@code seg_00002.m4s} for partitions) must exist at
 * the origin. Credentials as {@code cdn secrets} makes them, in the directory named by the system
 * property {@code bench.secrets}: the driver's own certificate ({@code bench.name}, an edge of the
 * edges' site, so that it may read their only-if-cached peer route) and the admin token, sent where
 * an operator is needed ({@code /internal/faults}, {@code /internal/invalidate}).
 */
public final class ReplicationBench {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private static final Secrets SECRETS = Secrets.at(Path.of(System.getProperty("bench.secrets")));
  private static final String SELF = System.getProperty("bench.name", "bench-driver");

  /** The driver's certificate (a site's edge): for the peer route and for the index. */
  private static final TlsMaterial TLS =
      TlsMaterial.load(SECRETS.serviceCert(SELF), SECRETS.serviceKey(SELF), SECRETS.caCert());

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .sslContext(TLS.client())
          .build();

  /** An edge: its viewer listener (objects) and its control listener (HTTPS, the rest). */
  private record Edge(String name, String url, String controlUrl) {}

  private ReplicationBench() {}

  public static void main(String[] args) throws Exception {
    int factor = Integer.parseInt(args[1]);
    int samples = Integer.parseInt(args[2]);
    String prefix = args[3];
    switch (args[0]) {
      case "replicate" -> replicate(factor, samples, prefix, edges(args[4]));
      case "partition" ->
          partition(factor, samples, prefix, IndexPeer.parseList(args[4]), edges(args[5]));
      default -> throw new IllegalArgumentException("mode must be replicate or partition");
    }
  }

  private static void replicate(int factor, int samples, String prefix, List<Edge> edges)
      throws Exception {
    List<String> names = edges.stream().map(Edge::name).toList();
    List<Double> millis = new ArrayList<>();
    for (int k = 0; k < samples; k++) {
      String title = prefix + "-" + k;
      Edge admitter = edges.get(k % edges.size());
      List<Edge> replicas =
          Replicas.of(title, admitter.name(), names, factor).stream()
              .map(n -> named(edges, n))
              .toList();
      get(admitter, "/videos/" + title + "/v/seg_00001.m4s");
      long admitted = System.nanoTime();
      double ms = awaitHeld(replicas, title, "v/seg_00001.m4s", 0, admitted);
      System.out.printf(
          Locale.ROOT,
          "replicate\t%s\t%s\t%d replicas\t%.1f ms%n",
          title,
          admitter.name(),
          replicas.size(),
          ms);
      millis.add(ms);
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT replicate edges=%d factor=%d samples=%d median_ms=%.1f p90_ms=%.1f max_ms=%.1f%n",
        edges.size(),
        factor,
        samples,
        percentile(millis, 50),
        percentile(millis, 90),
        percentile(millis, 100));
  }

  private static void partition(
      int factor, int trials, String prefix, List<IndexPeer> index, List<Edge> edges)
      throws Exception {
    List<String> names = edges.stream().map(Edge::name).toList();
    List<Double> millis = new ArrayList<>();
    List<Double> rounds = new ArrayList<>();
    try (IndexClient client = IndexClient.connect(index, TLS)) {
      for (int t = 0; t < trials; t++) {
        String title = prefix + "-" + t;
        Edge admitter = edges.get(t % edges.size());
        Edge victim = named(edges, Replicas.of(title, admitter.name(), names, factor).getFirst());
        for (String path : List.of("v/seg_00001.m4s", "v/seg_00002.m4s"))
          get(admitter, "/videos/" + title + "/" + path);
        awaitHeld(List.of(victim), title, "v/seg_00002.m4s", 0, System.nanoTime());

        post(victim, "/internal/faults", "{\"partitioned\":true}");
        long version = client.invalidate(title);
        for (Edge e : edges) {
          if (e != victim)
            post(
                e,
                "/internal/invalidate",
                "{\"videoId\":\"" + title + "\",\"reason\":\"bench\",\"version\":" + version + "}");
        }
        for (String path : List.of("v/seg_00001.m4s", "v/seg_00002.m4s"))
          get(admitter, "/videos/" + title + "/" + path);
        awaitHeld(List.of(admitter), title, "v/seg_00002.m4s", version, System.nanoTime());
        awaitVersion(victim, title, version);
        double roundsAtResume = antiEntropyRounds(victim);
        long resumed = System.nanoTime();
        post(victim, "/internal/faults", "{\"partitioned\":false}");
        double ms =
            Math.max(
                awaitHeld(List.of(victim), title, "v/seg_00001.m4s", version, resumed),
                awaitHeld(List.of(victim), title, "v/seg_00002.m4s", version, resumed));
        double r = antiEntropyRounds(victim) - roundsAtResume;
        System.out.printf(
            Locale.ROOT,
            "partition\t%s\tvictim %s\tadmitter %s\tversion %d\t%.1f ms\t%.0f rounds%n",
            title,
            victim.name(),
            admitter.name(),
            version,
            ms,
            r);
        millis.add(ms);
        rounds.add(r);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT partition edges=%d factor=%d trials=%d median_ms=%.1f max_ms=%.1f median_rounds=%.0f max_rounds=%.0f%n",
        edges.size(),
        factor,
        trials,
        percentile(millis, 50),
        percentile(millis, 100),
        percentile(rounds, 50),
        percentile(rounds, 100));
  }

  /**
   * Polls each edge's only-if-cached peer endpoint until all hold the object at {@code version} or
   * newer.
   */
  private static double awaitHeld(
      List<Edge> edges, String title, String path, long version, long since) throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    List<Edge> waiting = new ArrayList<>(edges);
    while (!waiting.isEmpty()) {
      waiting.removeIf(e -> held(e, title, path, version));
      if (waiting.isEmpty()) break;
      if (System.nanoTime() > deadline)
        throw new IllegalStateException(
            waiting + " do not hold " + title + "/" + path + " within " + LIMIT);
      Thread.sleep(2);
    }
    return (System.nanoTime() - since) / 1e6;
  }

  private static boolean held(Edge edge, String title, String path, long version) {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(edge.controlUrl() + "/internal/peer/videos/" + title + "/" + path))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200
          && r.headers().firstValueAsLong(PeerHeaders.VERSION).orElse(0) >= version;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The cut-off edge still reaches the index: it learns the new version there and drops its old
   * copies.
   */
  private static void awaitVersion(Edge edge, String title, long version) throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (held(edge, title, "v/seg_00001.m4s", 0)
        && !held(edge, title, "v/seg_00001.m4s", version)) {
      if (System.nanoTime() > deadline)
        throw new IllegalStateException(edge.name() + " still serves a stale " + title);
      Thread.sleep(2);
    }
  }

  private static double antiEntropyRounds(Edge edge) {
    try {
      String metrics =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(edge.controlUrl() + "/metrics"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return metrics
          .lines()
          .filter(l -> l.startsWith("edge_anti_entropy_rounds"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .findFirst()
          .orElse(-1);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void get(Edge edge, String path) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(edge.url() + path)).timeout(LIMIT).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200)
      throw new IllegalStateException(edge.name() + " answered " + r.statusCode() + " for " + path);
  }

  /** An operator's call on the edge's control listener; anything but a 2xx stops the run. */
  private static void post(Edge edge, String path, String json) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(edge.controlUrl() + path))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization", "Bearer " + Files.readString(SECRETS.operatorToken()).strip())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(LIMIT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2)
      throw new IllegalStateException(
          edge.name() + " answered " + r.statusCode() + " for " + path + ": " + r.body());
  }

  private static Edge named(List<Edge> edges, String name) {
    return edges.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Edge> edges(String spec) {
    return Arrays.stream(spec.split(","))
        .map(s -> s.split("[=|]", 3))
        .map(p -> new Edge(p[0], p[1], p[2]))
        .toList();
  }

  private static double percentile(List<Double> values, int p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) return Double.NaN;
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
