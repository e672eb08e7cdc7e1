package org.telcocdn.cache.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.disk;
import static org.telcocdn.cache.EdgeFixture.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexCluster;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.ReportHoldings;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;

/**
 * A hostile site peer, "mallory": a real HTTP server that the index names as holding a title and
 * that the edge lists as a peer of its site. Mallory is a compromised edge of the site: it holds a
 * genuine certificate of the internal CA ({@code spiffe://telcocdn/vid-cache/site-a/mallory}), so
 * mutual TLS lets it in; what it says must still be checked. It serves altered bytes of the right
 * length with every header an honest peer sends, a {@code Repr-Digest} (RFC 9530) of the altered
 * bytes, and a well-formed anti-entropy digest. Whichever way its copy comes (a viewer's peer fill,
 * a pushed replica, an anti-entropy repair), none of its bytes is served or stored: the edge
 * refills from the origin and counts the mismatch.
 */
class HostilePeerTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final String TITLE = "hostile";
  private static final String FILLED = "v/seg_00001.m4s",
      PUSHED = "v/seg_00002.m4s",
      REPAIRED = "v/seg_00003.m4s";

  /** Mallory sends this one's genuine bytes, but says they are of version 99. */
  private static final String CLAIMED = "v/seg_00004.m4s";

  private static final ServiceIdentity MALLORY =
      new ServiceIdentity(ServiceRoles.EDGE, "site-a", "mallory");

  @TempDir static Path dir;
  private static IndexCluster index;
  private static IndexClient client;
  private static FakeOrigin origin;
  private static HttpServer mallory;
  private static ServiceSecurity credentials;
  private static EdgeServer edge;
  private static final Map<String, byte[]> genuine = new HashMap<>();
  private static final Set<String> askedOfMallory = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws IOException {
    index = IndexCluster.start(dir, 1);
    client = index.client();
    origin = new FakeOrigin();
    for (String path : List.of(FILLED, PUSHED, REPAIRED, CLAIMED)) {
      genuine.put(path, EdgeFixture.random(150_000, path.hashCode()));
      origin.put(TITLE, path, genuine.get(path));
    }
    credentials =
        ServiceSecurity.load(
            SecurityConfig.from(Settings.of(EdgeFixture.CREDS.settings(MALLORY))), "mallory");
    mallory =
        HttpServer.builder("mallory")
            .control("127.0.0.1", 0, credentials)
            .get(
                "/internal/peer/videos/{path...}",
                Access.services(ServiceRoles.EDGE),
                request -> alteredCopy(request.param("path")))
            .get(
                "/internal/digest",
                Access.services(ServiceRoles.EDGE),
                request ->
                    Response.ok(
                        Map.of(
                            "edge",
                            "mallory",
                            "titles",
                            Map.of(
                                TITLE,
                                Map.of(
                                    "version",
                                    0,
                                    "hash",
                                    "0123456789abcdef0123456789abcdef",
                                    "objects",
                                    1,
                                    "hot",
                                    true,
                                    "paths",
                                    List.of(REPAIRED)),
                                "claimed",
                                Map.of(
                                    "version",
                                    99,
                                    "hash",
                                    "0123456789abcdef0123456789abcdef",
                                    "objects",
                                    0,
                                    "hot",
                                    false,
                                    "paths",
                                    List.of())))))
            .start();
    client.addEdge("mallory", 1L << 30);
    client.submit(new ReportHoldings("mallory", List.of(new Admission(TITLE, 0)), List.of()));
    edge =
        EdgeFixture.edge(
            origin.target(),
            Files.createDirectories(dir.resolve("edge")),
            Map.of(
                "edge.index.peers",
                index.peerSpec(),
                "edge.site-peers",
                "mallory=" + malloryUrl(),
                "edge.index.report-interval",
                "100ms",
                "edge.anti-entropy.interval",
                "300ms"));
  }

  @AfterAll
  static void stop() {
    if (edge != null) edge.close();
    if (mallory != null) mallory.close();
    if (credentials != null) credentials.close();
    if (client != null) client.close();
    if (index != null) index.close();
    if (origin != null) origin.close();
  }

  private static String malloryUrl() {
    return "https://127.0.0.1:" + mallory.controlPort();
  }

  /**
   * The object with one byte in the middle flipped, and everything an honest peer would say about
   * it.
   */
  private static Response alteredCopy(String videoAndPath) {
    String path = videoAndPath.substring(TITLE.length() + 1);
    askedOfMallory.add(path);
    byte[] altered = genuine.get(path).clone();
    if (!path.equals(CLAIMED)) altered[altered.length / 2] ^= 0x5a;
    return Response.bytes(200, "video/iso.segment", altered)
        .header("X-Cache-Version", path.equals(CLAIMED) ? "99" : "0")
        .header("X-Last-Modified-Millis", Long.toString(FakeOrigin.MODIFIED))
        .header("ETag", FakeOrigin.etag(genuine.get(path)))
        .header(
            "Repr-Digest",
            "sha-256=:" + Base64.getEncoder().encodeToString(FakeOrigin.sha256(altered)) + ":");
  }

  @Test
  void aViewersMiss_filledFromTheHostilePeer_getsTheOriginsBytes() {
    Await.until(
        GENEROUS,
        "the edge's site view to name mallory as a holder",
        () -> replication(edge).holder(TITLE).isPresent());
    double mismatches = mismatches();

    HttpResponse<byte[]> first = EdgeFixture.get(edge, "/videos/" + TITLE + "/" + FILLED);

    assertThat(askedOfMallory).contains(FILLED);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
    assertThat(first.body()).isEqualTo(genuine.get(FILLED));
    assertThat(mismatches()).isGreaterThan(mismatches);
    assertThat(origin.fetches(TITLE, FILLED)).isEqualTo(1);
    assertStoredIsGenuine(FILLED);
  }

  @Test
  void aReplicaPushedByTheHostilePeer_isRefilledFromTheOrigin() {
    String announcement =
        Json.MAPPER
            .valueToTree(
                Map.of(
                    "videoId",
                    TITLE,
                    "path",
                    PUSHED,
                    "version",
                    0,
                    "source",
                    "mallory",
                    "sourceUrl",
                    malloryUrl()))
            .toString();

    HttpResponse<byte[]> queued =
        EdgeFixture.postAs(MALLORY, edge, "/internal/replicate", announcement);

    assertThat(queued.statusCode()).isEqualTo(202);
    Await.until(
        GENEROUS,
        "the pushed object to be stored",
        () -> disk(edge).meta(new CacheKey(TITLE, PUSHED)).isPresent());
    assertThat(askedOfMallory).contains(PUSHED);
    assertThat(origin.fetches(TITLE, PUSHED)).isEqualTo(1);
    assertStoredIsGenuine(PUSHED);
  }

  @Test
  void anAntiEntropyRepairFromTheHostilePeer_isRefilledFromTheOrigin() {
    Await.until(
        GENEROUS,
        "anti-entropy to store the object mallory's digest names",
        () -> disk(edge).meta(new CacheKey(TITLE, REPAIRED)).isPresent());

    assertThat(askedOfMallory).contains(REPAIRED);
    assertThat(origin.fetches(TITLE, REPAIRED)).isEqualTo(1);
    assertStoredIsGenuine(REPAIRED);
    assertThat(mismatches()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aPeersWordNeverSetsAVersion_notInAnAnnouncement_aCopysHeaders_orADigest() {
    Await.until(
        GENEROUS,
        "the edge's site view to name mallory as a holder",
        () -> replication(edge).holder(TITLE).isPresent());
    String announcement =
        Json.MAPPER
            .valueToTree(
                Map.of("videoId", TITLE, "path", FILLED, "version", 99, "source", "mallory"))
            .toString();

    HttpResponse<byte[]> declined =
        EdgeFixture.postAs(MALLORY, edge, "/internal/replicate", announcement);
    HttpResponse<byte[]> fromPeer = EdgeFixture.get(edge, "/videos/" + TITLE + "/" + CLAIMED);
    long rounds = replication(edge).antiEntropyRounds();
    Await.until(
        GENEROUS,
        "two anti-entropy rounds with mallory's digest",
        () -> replication(edge).antiEntropyRounds() >= rounds + 2);

    assertThat(new String(declined.body())).contains("VERSION_UNKNOWN");
    assertThat(fromPeer.headers().firstValue("X-Cache"))
        .hasValue("PEER"); // genuine bytes: checked, and taken
    assertThat(fromPeer.body()).isEqualTo(genuine.get(CLAIMED));
    Await.until(
        GENEROUS,
        "the claimed copy on disk",
        () -> disk(edge).meta(new CacheKey(TITLE, CLAIMED)).isPresent());
    assertThat(disk(edge).meta(new CacheKey(TITLE, CLAIMED)).orElseThrow().version()).isZero();
    assertThat(EdgeFixture.versions(edge).known(TITLE)).isZero();
    assertThat(EdgeFixture.versions(edge).known("claimed")).isZero();
  }

  private static double mismatches() {
    return EdgeFixture.metrics(edge)
        .registry()
        .get("edge_peer_integrity")
        .tag("outcome", "MISMATCH")
        .counter()
        .count();
  }

  /** What the disk holds is the origin's bytes, and a hit serves them. */
  private static void assertStoredIsGenuine(String path) {
    CacheKey key = new CacheKey(TITLE, path);
    Await.until(GENEROUS, key + " on disk", () -> disk(edge).meta(key).isPresent());
    DiskTier.Entry entry = disk(edge).lookup(key).orElseThrow();
    try {
      ByteBuffer stored = ByteBuffer.allocate((int) entry.meta().size());
      while (stored.hasRemaining())
        entry.channel().read(stored, entry.bodyOffset() + stored.position());
      assertThat(stored.array()).isEqualTo(genuine.get(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      entry.release();
    }
    HttpResponse<byte[]> hit = EdgeFixture.get(edge, "/videos/" + TITLE + "/" + path);
    assertThat(hit.headers().firstValue("X-Cache").orElse("")).startsWith("HIT");
    assertThat(hit.body()).isEqualTo(genuine.get(path));
  }
}
