import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N simulated low-latency HLS players on one edge (bench/live-load, docs/live.md). Each player is a
 * virtual thread playing one rendition (players alternate over the renditions) as hls.js does in
 * low-latency mode: a plain playlist request to join, then blocking reloads for the part the
 * preload hint names ({@code _HLS_msn}/{@code _HLS_part}), and for every hint a fetch of that part
 * (held at the edge until it is complete), plus the init segment once. Bounded: players join over
 * the first RAMP seconds, ask nothing new after SECONDS, and wait at most 10 s for what they asked
 * before; every request has a 10-s timeout.
 *
 * <p>Measured, per player and part, against the part's availability at the origin (the origin
 * stamps each part when its packager makes it visible; the edge passes it on as {@code
 * X-Live-Available-At}; all processes share this machine's clock): when its last byte reached the
 * player (delivery), and when a blocking reload first listed it (the newest part at the edge).
 * Prints {@code key value} lines for the script.
 *
 * <p>With SKIP {@code YES}, players ask for Playlist Delta Updates ({@code _HLS_skip=YES}) after
 * their first playlist, as hls.js does when the playlist offers {@code CAN-SKIP-UNTIL}; the answers
 * that carry {@code EXT-X-SKIP} and the playlist bytes received are counted.
 *
 * <pre>java LiveLoad.java EDGE_URL CHANNEL RENDITIONS PLAYERS SECONDS RAMP_SECONDS [SKIP]</pre>
 */
public final class LiveLoad {
  private static final Pattern PART = Pattern.compile("#EXT-X-PART:[^\\n]*URI=\"(part_\\d+_\\d+\\.m4s)\"");
  private static final Pattern HINT =
      Pattern.compile("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part_(\\d+)_(\\d+)\\.m4s\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  record Observation(String part, long atMillis) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();
  private final String base;
  private final long deadline;
  private final boolean skip;
  private final Map<String, Long> availableAt = new ConcurrentHashMap<>();
  private final Set<String> fetchedObjects = ConcurrentHashMap.newKeySet();
  private final Set<String> playlistStates = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Observation> delivered = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Observation> listed = new ConcurrentLinkedQueue<>();
  private final AtomicLong playlists = new AtomicLong();
  private final AtomicLong deltaAnswers = new AtomicLong();
  private final AtomicLong playlistBytes = new AtomicLong();
  private final AtomicLong partFetches = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Map<Integer, AtomicLong> failuresByStatus = new ConcurrentHashMap<>();

  LiveLoad(String base, long deadline, boolean skip) {
    this.base = base;
    this.deadline = deadline;
    this.skip = skip;
  }

  public static void main(String[] args) throws Exception {
    String edge = args[0];
    String channel = args[1];
    List<String> renditions = List.of(args[2].split(","));
    int players = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int ramp = Integer.parseInt(args[5]);
    long start = System.currentTimeMillis();
    boolean skip = args.length > 6 && args[6].equals("YES");
    LiveLoad load = new LiveLoad(edge + "/videos/" + channel + "/", start + seconds * 1000L, skip);
    CountDownLatch done = new CountDownLatch(players);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < players; i++) {
        String rendition = renditions.get(i % renditions.size());
        long joinAt = start + (long) ramp * 1000 * i / players;
        threads.submit(
            () -> {
              try {
                Thread.sleep(Math.max(0, joinAt - System.currentTimeMillis()));
                load.play(rendition);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                done.countDown();
              }
            });
      }
      done.await();
    }
    load.report(players, seconds);
  }

  /** One player: join at the live edge, then follow the preload hints until the deadline. */
  void play(String rendition) throws InterruptedException {
    String dir = base + rendition + "/";
    List<Thread> fetches = new ArrayList<>();
    fetches.add(Thread.startVirtualThread(() -> fetch(dir, rendition + "/init.mp4", "init.mp4")));
    String query = "";
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> r = get(dir + "playlist.m3u8" + query, HttpResponse.BodyHandlers.ofString());
      long at = System.currentTimeMillis();
      if (r == null || r.statusCode() != 200) {
        Thread.sleep(200); // a 503's Retry-After is 1 s; come back sooner, as hls.js does
        continue;
      }
      playlists.incrementAndGet();
      playlistBytes.addAndGet(r.body().length());
      if (r.body().contains("#EXT-X-SKIP:")) deltaAnswers.incrementAndGet();
      Matcher hint = HINT.matcher(r.body());
      if (!hint.find()) continue;
      List<String> parts = PART.matcher(r.body()).results().map(m -> m.group(1)).toList();
      if (!parts.isEmpty()) {
        String newest = parts.getLast();
        playlistStates.add(rendition + "/" + newest);
        if (!query.isEmpty()) listed.add(new Observation(rendition + "/" + newest, at));
      }
      String part = "part_" + hint.group(1) + "_" + hint.group(2) + ".m4s";
      fetches.add(Thread.startVirtualThread(() -> fetch(dir, rendition + "/" + part, part)));
      // directives in UTF-8 order (section 6.3.2)
      query =
          "?_HLS_msn=" + hint.group(1) + "&_HLS_part=" + hint.group(2) + (skip ? "&_HLS_skip=YES" : "");
    }
    for (Thread t : fetches) t.join(TIMEOUT.toMillis());
  }

  private void fetch(String dir, String key, String name) {
    HttpResponse<byte[]> r = get(dir + name, HttpResponse.BodyHandlers.ofByteArray());
    long at = System.currentTimeMillis();
    if (r == null || r.statusCode() != 200) return;
    fetchedObjects.add(key);
    if (!name.startsWith("part_")) return;
    partFetches.incrementAndGet();
    r.headers()
        .firstValue("X-Live-Available-At")
        .ifPresent(v -> availableAt.putIfAbsent(key, Long.parseLong(v)));
    delivered.add(new Observation(key, at));
  }

  private <T> HttpResponse<T> get(String url, HttpResponse.BodyHandler<T> body) {
    try {
      HttpResponse<T> r =
          http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(), body);
      if (r.statusCode() != 200) failed(r.statusCode());
      return r;
    } catch (java.io.IOException e) {
      failed(0);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void failed(int status) {
    failures.incrementAndGet();
    failuresByStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
  }

  private List<Long> after(ConcurrentLinkedQueue<Observation> observations) {
    List<Long> ms = new ArrayList<>();
    for (Observation o : observations) {
      Long t = availableAt.get(o.part());
      if (t != null) ms.add(o.atMillis() - t);
    }
    ms.sort(Long::compare);
    return ms;
  }

  private static String quantiles(List<Long> ms) {
    if (ms.isEmpty()) return "n/a";
    return String.format(
        Locale.ROOT,
        "%d %d %d %d",
        ms.get(ms.size() / 2),
        ms.get(Math.min(ms.size() - 1, (int) Math.floor(ms.size() * 0.99))),
        ms.getLast(),
        ms.size());
  }

  void report(int players, int seconds) {
    long parts = fetchedObjects.stream().filter(k -> k.contains("/part_")).count();
    System.out.println("players " + players);
    System.out.println("seconds " + seconds);
    System.out.println("playlist_answers " + playlists.get());
    System.out.println("playlist_states " + playlistStates.size());
    System.out.println("delta_answers " + deltaAnswers.get());
    System.out.println("playlist_bytes " + playlistBytes.get());
    System.out.println("part_fetches " + partFetches.get());
    System.out.println("distinct_parts " + parts);
    System.out.println("distinct_objects " + fetchedObjects.size());
    System.out.println("failures " + failures.get() + " " + failuresByStatus);
    // p50 p99 max count, in ms after the part's availability at the origin
    System.out.println("delivery_ms " + quantiles(after(delivered)));
    System.out.println("listed_ms " + quantiles(after(listed)));
  }
}
