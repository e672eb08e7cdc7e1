import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.telcocdn.broker.BrokerConfig;
import org.telcocdn.broker.BrokerServer;
import org.telcocdn.cli.Launch;
import org.telcocdn.cli.Role;
import org.telcocdn.common.config.Settings;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.TlsMaterial;

/**
 * The broker load-balancing benchmark (see docs/load-balancing.md). For each policy
 * ({@code broker.policy}) and N edges, in one JVM on 127.0.0.1:
 *
 * <ol>
 *   <li>starts the broker with that policy and N fake edges (JDK HTTP servers that register,
 *       heartbeat, answer /health, count the sessions they get and keep an LRU of titles);
 *   <li>drives SESSIONS viewers, Zipf-popular over TITLES titles, through {@code /play} (302, not
 *       followed by the client) and then to the edge named in {@code Location}: gives max/mean load,
 *       hit ratio and the /play round-trip p50/p99 seen by this (JDK) client;
 *   <li>for N = 8, runs wrk against {@code /play} for WRK_SECONDS (fresh session id per request,
 *       so every request is a full decision): routing decisions/s and wrk's p50/p99; at saturation
 *       by default, or at an offered rate with {@code -Drate=20000} (each connection paces itself);
 *   <li>for N = 8, routes every title once on 8 edges and once on 7 (edge-8 removed), each on a
 *       fresh broker, and reports the fraction of titles whose edge changed.
 * </ol>
 *
 * Bounded in count and time; every server is closed, wrk is a child process waited for.
 */
public final class BrokerLbBench {
  static final int TITLES = Integer.getInteger("titles", 5000);
  static final int SESSIONS = Integer.getInteger("sessions", 20000);
  static final double ALPHA = Double.parseDouble(System.getProperty("alpha", "0.9"));
  static final int CACHE_TITLES = Integer.getInteger("cacheTitles", 250);
  static final int CONCURRENCY = Integer.getInteger("concurrency", 8);
  static final int WRK_SECONDS = Integer.getInteger("wrkSeconds", 8);
  static final int WRK_CONNECTIONS = Integer.getInteger("wrkConnections", 16);
  /** wrk's broker in its own JVM pinned to BROKER_CPUS, wrk pinned to WRK_CPUS (see {@link BrokerProcess}). */
  static final boolean BROKER_PROCESS = Boolean.parseBoolean(System.getProperty("brokerProcess", "true"));
  static final String BROKER_CPUS = System.getProperty("brokerCpus", "0");
  static final String WRK_CPUS = System.getProperty("wrkCpus", "1");
  static final int WRK_THREADS = Integer.getInteger("wrkThreads", 1);
  // 35 s: the session table (30 s of sessions) reaches its steady size before anything is counted.
  static final int WRK_WARMUP_SECONDS = Integer.getInteger("wrkWarmupSeconds", 35);
  static final int ROUTER_DECISIONS = Integer.getInteger("routerDecisions", 200000);
  static final java.util.Set<String> PHASES = java.util.Set.of(System.getProperty("phases", "workload,wrk,router,moved").split(","));
  static final String[] POLICIES = System.getProperty("policies",
      "bounded-load,consistent-hash,rendezvous,round-robin,least-connections").split(",");

  /**
   * Credentials as `cdn up` makes them (docs/security.md): the broker's control listener takes
   * registrations and heartbeats only from edges with their own certificates.
   */
  static final Secrets SECRETS = secrets();

  static Secrets secrets() {
    try {
      Secrets secrets = Secrets.at(java.nio.file.Files.createTempDirectory("broker-lb-secrets"));
      List<Secrets.Holder> holders = new ArrayList<>();
      holders.add(new Secrets.Holder(ServiceIdentity.of("vid-cache-broker", "broker"), List.of("127.0.0.1")));
      for (int i = 1; i <= 8; i++) holders.add(new Secrets.Holder(new ServiceIdentity("vid-cache", "site-a", "edge-" + i), List.of("127.0.0.1")));
      secrets.ensure(holders, java.time.Instant.now());
      return secrets;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The broker's security.* settings. */
  static Map<String, String> brokerSecurity() {
    return Map.of("security.tls.cert", SECRETS.serviceCert("broker").toString(), "security.tls.key", SECRETS.serviceKey("broker").toString(),
        "security.tls.ca", SECRETS.caCert().toString(), "security.operator-keys", SECRETS.operatorKeys().toString(),
        "security.audit-log.dir", SECRETS.dir().resolveSibling(SECRETS.dir().getFileName() + "-audit").toString());
  }

  /**
   * A stand-in edge: registers, heartbeats, counts sessions per title and simulates an LRU of titles.
   * Its certificate is the one registrations need; its control URL is its plain-HTTP stub, which the
   * broker only calls for invalidations, which this benchmark sends none of.
   */
  static final class FakeEdge implements AutoCloseable {
    final String name;
    final HttpServer server;
    final AtomicLong sessions = new AtomicLong();
    final AtomicLong hits = new AtomicLong();
    final Map<String, Boolean> lru = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > CACHE_TITLES;
      }
    };
    final Thread heartbeat;

    /** {@code broker}: its control URL, called with this edge's own certificate. */
    FakeEdge(String name, String broker) throws IOException, InterruptedException {
      this.name = name;
      HttpClient http = HttpClient.newBuilder().sslContext(TlsMaterial.load(SECRETS.serviceCert(name), SECRETS.serviceKey(name),
          SECRETS.caCert()).client()).build();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/health", ex -> reply(ex, 200, "{\"status\":\"UP\"}"));
      server.createContext("/videos/", ex -> {
        String title = ex.getRequestURI().getPath().split("/")[2];
        sessions.incrementAndGet();
        synchronized (lru) {
          if (lru.get(title) != null) hits.incrementAndGet();
          else lru.put(title, Boolean.TRUE);
        }
        reply(ex, 200, "#EXTM3U\n");
      });
      server.start();
      post(http, broker + "/api/edges", "{\"name\":\"" + name + "\",\"url\":\"" + url() + "\",\"controlUrl\":\"" + url()
          + "\",\"site\":\"site-a\",\"diskCapacityBytes\":1000000}");
      heartbeat = Thread.ofVirtual().start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            Thread.sleep(1000);
            post(http, broker + "/api/edges/" + name + "/heartbeat", "{\"activeConnections\":0}");
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            // the broker is closing; the next beat or close() ends this
          }
        }
      });
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      heartbeat.interrupt();
      server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    }
  }

  /** The broker (in this JVM, or a child process for wrk) and its fake edges. */
  record Cluster(String url, String controlUrl, BrokerServer broker, AutoCloseable process, List<FakeEdge> edges) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      edges.forEach(FakeEdge::close);
      if (broker != null) broker.close();
      if (process != null) process.close();
    }
  }

  /**
   * The broker as `cdn up` runs it: its own JVM started with the launcher's command for the broker
   * role ({@code Launch.javaCommand(Role.BROKER)}: the serial collector, a 600 MB young
   * generation), pinned to BROKER_CPUS, so wrk's
   * latencies are the broker's and not this JVM's (fake edges, the JDK client) or wrk's own CPU.
   */
  static final class BrokerProcess implements AutoCloseable {
    final Process process;
    final int port;
    final int controlPort;
    final Path log;

    BrokerProcess(HttpClient http, String policy) throws Exception {
      try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
           var control = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
        controlPort = control.getLocalPort();
      }
      log = java.nio.file.Files.createTempFile("broker-lb-", ".log");
      List<String> java = Launch.javaCommand(Role.BROKER); // the launcher's own command, options and all
      List<String> command = new ArrayList<>(List.of("taskset", "-c", BROKER_CPUS, java.getFirst()));
      String extra = System.getProperty("brokerJvm", "");
      if (!extra.isBlank()) command.addAll(List.of(extra.trim().split("\\s+")));
      command.addAll(java.subList(1, java.size()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(Map.of("CDN_BROKER_PORT", Integer.toString(port), "CDN_BROKER_POLICY", policy,
          "CDN_BROKER_MIN_LOAD_CAP", "1", "CDN_BROKER_CONTROL_PORT", Integer.toString(controlPort)));
      brokerSecurity().forEach((key, value) -> builder.environment().put(Settings.envName(key), value));
      process = builder.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (true) {
        try {
          if (send(http, "http://127.0.0.1:" + port + "/health").statusCode() == 200) break;
        } catch (IOException e) {
          // not listening yet
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          close();
          throw new IllegalStateException("broker process did not become healthy; see " + log);
        }
        Thread.sleep(100);
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }

  public static void main(String[] args) throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    double[] cdf = zipfCdf(TITLES, ALPHA);
    System.out.printf("# titles=%d sessions=%d alpha=%.2f edge-cache=%d titles concurrency=%d wrk=%ds x %d connections%n",
        TITLES, SESSIONS, ALPHA, CACHE_TITLES, CONCURRENCY, WRK_SECONDS, WRK_CONNECTIONS);
    if (BROKER_PROCESS) {
      System.out.printf("# wrk phase: broker in its own JVM with cdn's options on cpus %s, wrk (%d threads) on cpus %s, %d s warm-up%n",
          BROKER_CPUS, WRK_THREADS, WRK_CPUS, WRK_WARMUP_SECONDS);
    }
    System.out.println("| policy | N | max/mean load | hit ratio | /play p50 ms (JDK client) | /play p99 ms (JDK client) "
        + "| wrk decisions/s | wrk p50 ms | wrk p99 ms | router decisions/s (1 thread) | router p50 µs | router p99 µs "
        + "| titles moved 8→7 |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    String[] none2 = {"", "", ""};
    for (int n : new int[] {4, 8}) {
      for (String policy : POLICIES) {
        String[] workload = PHASES.contains("workload") ? workload(http, policy, n, cdf) : new String[] {"", "", "", ""};
        String[] wrk = n == 8 && PHASES.contains("wrk") ? wrk(http, policy) : none2;
        String[] router = n == 8 && PHASES.contains("router") ? router(http, policy, cdf) : none2;
        String moved = n == 8 && PHASES.contains("moved") ? String.format("%.3f", moved(http, policy)) : "";
        System.out.printf("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", policy, n, workload[0],
            workload[1], workload[2], workload[3], wrk[0], wrk[1], wrk[2], router[0], router[1], router[2], moved);
      }
    }
  }

  static Cluster cluster(HttpClient http, String policy, int n) throws Exception {
    // Probes on, as in production; min-load-cap 1 so the bound applies from the first session.
    Map<String, String> settings = new HashMap<>(brokerSecurity());
    settings.putAll(Map.of("broker.port", "0", "broker.control-port", "0", "broker.policy", policy, "broker.min-load-cap", "1"));
    BrokerServer broker = BrokerServer.start(BrokerConfig.from(Settings.of(settings)));
    return withEdges(http, broker.url(), broker.controlUrl(), broker, null, n);
  }

  /** The same with the broker in its own process (see {@link BrokerProcess}). */
  static Cluster processCluster(HttpClient http, String policy, int n) throws Exception {
    BrokerProcess process = new BrokerProcess(http, policy);
    return withEdges(http, "http://127.0.0.1:" + process.port, "https://127.0.0.1:" + process.controlPort, null, process, n);
  }

  static Cluster withEdges(HttpClient http, String url, String controlUrl, BrokerServer broker, BrokerProcess process, int n)
      throws Exception {
    List<FakeEdge> edges = new ArrayList<>();
    for (int i = 1; i <= n; i++) edges.add(new FakeEdge("edge-" + i, controlUrl));
    return new Cluster(url, controlUrl, broker, process, edges);
  }

  /** max/mean, hit ratio %, p50 ms, p99 ms. */
  static String[] workload(HttpClient http, String policy, int n, double[] cdf) throws Exception {
    try (Cluster c = cluster(http, policy, n); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      long[] latencies = new long[SESSIONS];
      AtomicLong next = new AtomicLong();
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < CONCURRENCY; w++) {
        Random random = new Random(42 + w);
        workers.add(pool.submit(() -> {
          for (long i; (i = next.getAndIncrement()) < SESSIONS; ) {
            int title = pick(cdf, random.nextDouble());
            long t0 = System.nanoTime();
            HttpResponse<Void> play = send(http, c.url() + "/play/t" + title + "?sid=v" + i);
            latencies[(int) i] = System.nanoTime() - t0;
            send(http, play.headers().firstValue("Location").orElseThrow());
          }
          return null;
        }));
      }
      for (Future<?> f : workers) f.get();
      long max = c.edges().stream().mapToLong(e -> e.sessions.get()).max().orElseThrow();
      long total = c.edges().stream().mapToLong(e -> e.sessions.get()).sum();
      long hits = c.edges().stream().mapToLong(e -> e.hits.get()).sum();
      Arrays.sort(latencies);
      return new String[] {String.format("%.4f", max / (total / (double) n)), String.format("%.1f%%", 100.0 * hits / total),
          ms(latencies[latencies.length / 2]), ms(latencies[(int) (latencies.length * 0.99)])};
    }
  }

  /**
   * wrk against /play on 8 fake edges: decisions/s, p50, p99. A first run of WRK_WARMUP_SECONDS,
   * not counted, lets the broker's JIT finish (its compiler threads share the broker's pinned core)
   * and fills the session table to its steady size, as on a broker that has run for a while.
   */
  static String[] wrk(HttpClient http, String policy) throws Exception {
    // This JVM (fake edges, their heartbeats and the probes' answers, its own JIT) leaves the
    // broker's core to the broker for the run: on an unpinned bench JVM, perf sched showed its
    // threads delaying the broker's event loop by up to 2 ms. It joins wrk's side, the client side.
    String affinity = BROKER_PROCESS ? pinThisJvm(WRK_CPUS) : null;
    try (Cluster c = BROKER_PROCESS ? processCluster(http, policy, 8) : cluster(http, policy, 8)) {
      if (WRK_WARMUP_SECONDS > 0) runWrk(c.url(), WRK_WARMUP_SECONDS);
      String out = runWrk(c.url(), WRK_SECONDS);
      String rps = find(out, "Requests/sec:\\s+([0-9.]+)");
      String non2xx = find(out, "Non-2xx or 3xx responses:\\s+(\\d+)");
      if (!non2xx.isEmpty()) System.err.println("# wrk " + policy + ": " + non2xx + " non-3xx answers");
      return new String[] {rps.isEmpty() ? "?" : String.format("%.0f", Double.parseDouble(rps)),
          wrkMs(find(out, "\\s50%\\s+([0-9.]+[mu]?s)")), wrkMs(find(out, "\\s99%\\s+([0-9.]+[mu]?s)"))};
    } finally {
      if (affinity != null) pinThisJvm(affinity);
    }
  }

  /**
   * Moves every thread of this JVM (and the threads it starts later) to {@code cpus}, via taskset;
   * returns the CPU list it had, to move back to.
   */
  static String pinThisJvm(String cpus) throws Exception {
    String pid = Long.toString(ProcessHandle.current().pid());
    String before = taskset("-p", "-c", pid);
    taskset("-a", "-p", "-c", cpus, pid);
    return before.substring(before.lastIndexOf(':') + 1).trim(); // "pid 42's current affinity list: 0,1"
  }

  static String taskset(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("taskset"));
    command.addAll(List.of(args));
    Process taskset = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (taskset.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ": " + out);
    return out;
  }

  /** One wrk run, pinned to WRK_CPUS; its output. */
  static String runWrk(String url, int seconds) throws Exception {
    Path script = Path.of(System.getProperty("benchDir", "bench/broker-lb")).resolve("zipf-play.lua");
    ProcessBuilder pb = new ProcessBuilder("taskset", "-c", WRK_CPUS, "wrk", "-t" + WRK_THREADS,
        "-c" + WRK_CONNECTIONS, "-d" + seconds + "s", "--latency", "-s", script.toString(), url).redirectErrorStream(true);
    pb.environment().put("TITLES", Integer.toString(TITLES));
    pb.environment().put("ALPHA", Double.toString(ALPHA));
    pb.environment().put("REUSE_SIDS", System.getProperty("reuseSids", "0"));
    pb.environment().put("RATE", System.getProperty("rate", "0")); // > 0: offered requests/s, not saturation
    pb.environment().put("CONNS", Integer.toString(WRK_CONNECTIONS));
    Process wrk = pb.start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!wrk.waitFor(seconds + 30L, java.util.concurrent.TimeUnit.SECONDS)) wrk.destroyForcibly();
    if (Boolean.getBoolean("wrkOutput")) System.err.print(out); // the whole latency distribution
    return out;
  }

  /**
   * The routing decision alone, in process, one thread: what the broker adds before HTTP. The first
   * half of the decisions warm the JIT and are not counted.
   */
  static String[] router(HttpClient http, String policy, double[] cdf) throws Exception {
    try (Cluster c = cluster(http, policy, 8)) {
      Random random = new Random(7);
      long[] took = new long[ROUTER_DECISIONS];
      for (int i = 0; i < ROUTER_DECISIONS; i++) {
        var request = new org.telcocdn.broker.RouteRequest("t" + pick(cdf, random.nextDouble()), "10.0.0.1", "r" + i, null);
        long t0 = System.nanoTime();
        c.broker().router().route(request).orElseThrow();
        took[i] = System.nanoTime() - t0;
      }
      long[] counted = Arrays.copyOfRange(took, ROUTER_DECISIONS / 2, ROUTER_DECISIONS);
      long total = Arrays.stream(counted).sum();
      Arrays.sort(counted);
      return new String[] {String.format("%.0f", counted.length / (total / 1e9)),
          String.format("%.1f", counted[counted.length / 2] / 1e3), String.format("%.1f", counted[(int) (counted.length * 0.99)] / 1e3)};
    }
  }

  /** Fraction of titles whose edge changes when edge-8 of 8 is removed (each on a fresh broker). */
  static double moved(HttpClient http, String policy) throws Exception {
    Map<Integer, String> before = owners(http, policy, 8);
    Map<Integer, String> after = owners(http, policy, 7);
    long changed = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).count();
    return changed / (double) before.size();
  }

  static Map<Integer, String> owners(HttpClient http, String policy, int n) throws Exception {
    Map<Integer, String> owners = new HashMap<>();
    try (Cluster c = cluster(http, policy, n)) {
      Map<String, String> byUrl = new HashMap<>();
      c.edges().forEach(e -> byUrl.put(e.url(), e.name));
      for (int t = 0; t < TITLES; t++) {
        String location = send(http, c.url() + "/play/t" + t + "?sid=m" + t).headers().firstValue("Location").orElseThrow();
        owners.put(t, byUrl.get(location.substring(0, location.indexOf("/videos/"))));
      }
    }
    return owners;
  }

  static HttpResponse<Void> send(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  static void post(HttpClient http, String url, String json) throws IOException, InterruptedException {
    http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  static double[] zipfCdf(int n, double alpha) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 1; i <= n; i++) sum += 1 / Math.pow(i, alpha);
    double acc = 0;
    for (int i = 1; i <= n; i++) cdf[i - 1] = (acc += 1 / Math.pow(i, alpha) / sum);
    return cdf;
  }

  static int pick(double[] cdf, double u) {
    int i = Arrays.binarySearch(cdf, u);
    return Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
  }

  static String ms(long nanos) {
    return String.format("%.2f", nanos / 1e6);
  }

  static String wrkMs(String value) {
    if (value.isEmpty()) return "?";
    if (value.endsWith("us")) return String.format("%.2f", Double.parseDouble(value.replace("us", "")) / 1000);
    if (value.endsWith("ms")) return String.format("%.2f", Double.parseDouble(value.replace("ms", "")));
    return String.format("%.2f", Double.parseDouble(value.replace("s", "")) * 1000);
  }

  static String find(String text, String regex) {
    var m = java.util.regex.Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : "";
  }
}
