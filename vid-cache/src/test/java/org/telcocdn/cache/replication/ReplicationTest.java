package org.telcocdn.cache.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.disk;
import static org.telcocdn.cache.EdgeFixture.replication;
import static org.telcocdn.cache.EdgeFixture.versions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeConfig;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexCluster;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.FreePorts;

/**
 * Three edges of one site, a fake origin and a real three-member cache index, all in this JVM on
 * loopback: peer fill, replication of a hot title without any viewer request on the replica, and
 * convergence after a partition during which a new version was written.
 */
class ReplicationTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final String[] NAMES = {"e1", "e2", "e3"};

  @TempDir static Path dir;
  private static IndexCluster index;
  private static final Map<String, EdgeServer> edges = new HashMap<>();
  private static final Partition partition = new Partition();
  private static FakeOrigin origin;
  private static IndexClient client;

  @BeforeAll
  static void start() throws IOException {
    index = IndexCluster.start(dir, 3);
    String spec = index.peerSpec();
    client = index.client();
    origin = new FakeOrigin();
    Map<String, String> urls = new HashMap<>();
    int[] ports = FreePorts.many(NAMES.length);
    for (int i = 0; i < NAMES.length; i++) urls.put(NAMES[i], "https://127.0.0.1:" + ports[i]);
    String sitePeers =
        urls.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    for (String name : NAMES) {
      Map<String, String> values =
          new HashMap<>(
              Map.of(
                  "edge.name",
                  name,
                  "edge.port",
                  "0",
                  "edge.origin-target",
                  origin.target(),
                  "edge.broker-url",
                  "",
                  "edge.cache-dir",
                  Files.createDirectories(dir.resolve(name)).toString(),
                  "edge.disk.max-bytes",
                  "64MiB",
                  "edge.memory.max-bytes",
                  "1MiB",
                  "edge.index.peers",
                  spec,
                  "edge.index.report-interval",
                  "100ms",
                  "edge.anti-entropy.interval",
                  "500ms"));
      values.put("edge.site-peers", sitePeers);
      values.put(
          "edge.control-port", urls.get(name).substring(urls.get(name).lastIndexOf(':') + 1));
      values.put("edge.replication.hot-requests", "2");
      edges.put(
          name,
          EdgeFixture.start(
              EdgeConfig.from(EdgeFixture.settings(values)), partition.of(urls.get(name))));
    }
  }

  @AfterAll
  static void stop() {
    edges.values().forEach(EdgeServer::close);
    if (client != null) client.close();
    if (index != null) index.close();
    if (origin != null) origin.close();
  }

  @Test
  void aMissOnASecondEdge_isFilledFromThePeerHoldingIt_withoutAnotherOriginFetch() {
    byte[] bytes = EdgeFixture.random(300_000, 1);
    origin.put("peerfill", "v/seg_00001.m4s", bytes);
    assertThat(header(EdgeFixture.get(edges.get("e1"), "/videos/peerfill/v/seg_00001.m4s")))
        .isEqualTo("MISS");
    Await.until(
        GENEROUS,
        "e2's site view to name e1 as a holder",
        () -> replication(edges.get("e2")).holder("peerfill").isPresent());

    HttpResponse<byte[]> fromPeer =
        EdgeFixture.get(edges.get("e2"), "/videos/peerfill/v/seg_00001.m4s");

    assertThat(header(fromPeer)).isEqualTo("PEER");
    assertThat(fromPeer.body()).isEqualTo(bytes);
    assertThat(origin.fetches("peerfill", "v/seg_00001.m4s")).isEqualTo(1);
    Await.until(
        GENEROUS,
        "e2 to store the peer's copy",
        () -> disk(edges.get("e2")).meta(new CacheKey("peerfill", "v/seg_00001.m4s")).isPresent());
  }

  /**
   * A viewer whose miss joins a pull from a site peer already under way (a replica pull or an
   * anti-entropy repair) is served the peer's copy and told so: {@code PEER}, not {@code MISS},
   * which would say the origin was asked. The pull is held at e1 so the viewer can join it; a
   * viewer that arrives after it landed is a hit, and the attempt is made again.
   */
  @Test
  void aViewerJoiningAPeerPull_isToldPeer() throws Exception {
    EdgeServer e1 = edges.get("e1"), e2 = edges.get("e2");
    for (int attempt = 0; attempt < 5; attempt++) {
      String title = "joined" + attempt, path = "v/seg_00001.m4s";
      origin.put(title, path, EdgeFixture.random(100_000, 10 + attempt));
      EdgeFixture.get(e1, "/videos/" + title + "/" + path);
      CompletableFuture<HttpResponse<byte[]>> viewer;
      partition.hold(e1.controlUrl());
      try {
        assertThat(
                replication(e2).offered(new CacheKey(title, path), versions(e2).known(title), "e1"))
            .isEqualTo(ReplicaDecision.QUEUED);
        Await.until(GENEROUS, "e2's pull to wait on e1", () -> partition.waiting() > 0);
        viewer =
            CompletableFuture.supplyAsync(
                () -> EdgeFixture.get(e2, "/videos/" + title + "/" + path));
        Thread.sleep(300); // not a timing assertion: room for the request to join the held pull
      } finally {
        partition.release();
      }
      HttpResponse<byte[]> served = viewer.get(30, TimeUnit.SECONDS);
      assertThat(origin.fetches(title, path)).isEqualTo(1);
      assertThat(header(served)).isIn("PEER", "HIT");
      if (header(served).equals("PEER")) return;
    }
    throw new AssertionError("no viewer request joined the held pull in 5 attempts");
  }

  @Test
  void aHotTitle_reachesItsReplica_withoutAViewerAskingThere() {
    String title = titleReplicatedTo("hot", "e2");
    origin
        .put(title, "v/seg_00001.m4s", EdgeFixture.random(200_000, 2))
        .put(title, "v/seg_00002.m4s", EdgeFixture.random(200_000, 3));

    EdgeFixture.get(edges.get("e1"), "/videos/" + title + "/v/seg_00001.m4s");
    EdgeFixture.get(
        edges.get("e1"),
        "/videos/" + title + "/v/seg_00002.m4s"); // the second request makes it hot

    for (String path : List.of("v/seg_00001.m4s", "v/seg_00002.m4s")) {
      CacheKey key = new CacheKey(title, path);
      Await.until(GENEROUS, "e2 to hold " + key, () -> disk(edges.get("e2")).meta(key).isPresent());
      assertThat(origin.fetches(title, path)).isEqualTo(1);
    }
    assertThat(disk(edges.get("e3")).meta(new CacheKey(title, "v/seg_00002.m4s")))
        .isEmpty(); // factor 2: one extra copy
  }

  @Test
  void anAnnouncementFromAnEdgeOutsideTheSite_isRefused_andNothingIsFetched() {
    origin.put("intruded", "v/seg_00001.m4s", EdgeFixture.random(10_000, 5));
    String body =
        "{\"videoId\":\"intruded\",\"path\":\"v/seg_00001.m4s\",\"version\":0,"
            + "\"source\":\"intruder\",\"sourceUrl\":\""
            + origin.target()
            + "\"}";

    HttpResponse<byte[]> unknown =
        EdgeFixture.postAs(
            new ServiceIdentity(ServiceRoles.EDGE, "site-a", "intruder"),
            edges.get("e2"),
            "/internal/replicate",
            body);
    HttpResponse<byte[]> otherSite =
        EdgeFixture.postAs(
            new ServiceIdentity(ServiceRoles.EDGE, "site-b", "intruder"),
            edges.get("e2"),
            "/internal/replicate",
            body);
    HttpResponse<byte[]> posing =
        EdgeFixture.postAs(
            new ServiceIdentity(ServiceRoles.EDGE, "site-a", "e1"),
            edges.get("e2"),
            "/internal/replicate",
            body);
    HttpResponse<byte[]> operator = EdgeFixture.post(edges.get("e2"), "/internal/replicate", body);

    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(new String(unknown.body(), StandardCharsets.UTF_8))
        .contains("\"error\":\"unknown_peer\"")
        .contains("intruder");
    assertThat(otherSite.statusCode()).as("an edge of another site").isEqualTo(403);
    assertThat(new String(otherSite.body(), StandardCharsets.UTF_8))
        .contains("not an edge of site site-a");
    assertThat(posing.statusCode()).as("e1 announcing as 'intruder'").isEqualTo(403);
    assertThat(new String(posing.body(), StandardCharsets.UTF_8))
        .contains("source must be the caller");
    assertThat(operator.statusCode()).as("announcements are for edges only").isEqualTo(403);
    assertThat(disk(edges.get("e2")).meta(new CacheKey("intruded", "v/seg_00001.m4s"))).isEmpty();
    assertThat(origin.fetches("intruded", "v/seg_00001.m4s")).isZero();
  }

  @Test
  void aPartitionedEdge_convergesAfterTheHeal_andNeverServesTheOldVersionOnceKnown() {
    String title = titleReplicatedTo("part", "e3");
    EdgeServer e1 = edges.get("e1"), e3 = edges.get("e3");
    byte[] old = "version zero".getBytes(StandardCharsets.UTF_8);
    origin.put(title, "v/seg_00001.m4s", old);
    EdgeFixture.get(e1, "/videos/" + title + "/v/seg_00001.m4s");
    EdgeFixture.get(e1, "/videos/" + title + "/v/seg_00001.m4s");
    Await.until(
        GENEROUS,
        "e3 to hold the replica",
        () -> disk(e3).meta(new CacheKey(title, "v/seg_00001.m4s")).isPresent());

    partition.cutOff(e3.controlUrl());
    byte[] fresh = "version one".getBytes(StandardCharsets.UTF_8);
    origin
        .put(title, "v/seg_00001.m4s", fresh)
        .put(title, "v/seg_00002.m4s", EdgeFixture.random(150_000, 4));
    long version =
        client.invalidate(title); // as the broker does: commit, then tell the edges it can reach
    for (String name : List.of("e1", "e2")) {
      EdgeFixture.post(
          edges.get(name),
          "/internal/invalidate",
          "{\"videoId\":\"" + title + "\",\"reason\":\"test\",\"version\":" + version + "}");
    }
    for (int i = 0; i < 2; i++) {
      EdgeFixture.get(e1, "/videos/" + title + "/v/seg_00001.m4s");
      EdgeFixture.get(e1, "/videos/" + title + "/v/seg_00002.m4s");
    }
    Await.until(
        GENEROUS,
        "e3 to learn version " + version + " from the index",
        () -> versions(e3).known(title) >= version);
    assertThat(EdgeFixture.get(e3, "/videos/" + title + "/v/seg_00001.m4s").body())
        .isEqualTo(fresh);

    long roundsAtHeal = replication(e3).antiEntropyRounds();
    long healed = System.nanoTime();
    partition.heal();
    CacheKey second = new CacheKey(title, "v/seg_00002.m4s");
    Await.until(
        GENEROUS,
        "e3 to converge",
        () -> disk(e3).meta(second).filter(m -> m.version() >= version).isPresent());
    long millis = (System.nanoTime() - healed) / 1_000_000;
    long rounds = replication(e3).antiEntropyRounds() - roundsAtHeal;
    record(
        "partition heal -> converged: "
            + millis
            + " ms, "
            + rounds
            + " anti-entropy rounds completed on e3 (interval 500 ms)");

    assertThat(EdgeFixture.get(e3, "/videos/" + title + "/v/seg_00001.m4s").body())
        .isEqualTo(fresh);
    assertThat(disk(e3).meta(new CacheKey(title, "v/seg_00001.m4s")).orElseThrow().version())
        .isEqualTo(version);
  }

  /** A title whose one replica, when e1 admits it, is {@code replica}. */
  private static String titleReplicatedTo(String prefix, String replica) {
    for (int i = 0; ; i++) {
      String title = prefix + i;
      if (Replicas.of(title, "e1", List.of(NAMES), 2).equals(List.of(replica))) return title;
    }
  }

  private static String header(HttpResponse<byte[]> response) {
    return response.headers().firstValue("X-Cache").orElse("");
  }

  private static void record(String line) {
    System.out.println("[replication] " + line);
    try {
      Files.writeString(
          Path.of("target", "convergence.txt"),
          line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
