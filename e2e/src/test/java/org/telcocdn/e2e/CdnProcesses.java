package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.cli.Cdn;
import org.telcocdn.cli.CliContext;
import org.telcocdn.cli.HealthProbe;
import org.telcocdn.cli.Supervisor;
import org.telcocdn.cli.TopologyFile;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.TlsMaterial;
import org.telcocdn.testkit.FreePorts;

/**
 * The system as an operator runs it: the cdn command starting every service as its own OS process
 * from a topology shaped like the default one on free ports (three cache-index members, metadata,
 * broker, origin, the edges, client), in a directory of the test's. {@link #close()} runs {@code
 * cdn down}.
 */
final class CdnProcesses implements AutoCloseable {
  private final Path dir;
  private final Path topology;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  static final int INDEX_MEMBERS = 3;

  /**
   * Writes the topology, with the index; {@code edgeSites} gives each edge's site, e.g. site-a,
   * site-a, site-b.
   */
  CdnProcesses(Path dir, String... edgeSites) throws IOException {
    this(dir, INDEX_MEMBERS, edgeSites);
  }

  private CdnProcesses(Path dir, Path topology) {
    this.dir = dir;
    this.topology = topology;
  }

  /**
   * An existing topology file (e.g. topology/telco.yaml), its data directory resolved in {@code
   * dir}.
   */
  static CdnProcesses of(Path dir, Path topology) {
    return new CdnProcesses(dir, topology);
  }

  /**
   * @param indexMembers 0 for a topology without the cache index
   */
  CdnProcesses(Path dir, int indexMembers, String... edgeSites) throws IOException {
    this(dir, writeTopology(dir, indexMembers, false, Map.of(), Map.of(), Map.of(), edgeSites));
  }

  /**
   * Without the index, with a cloud tier ({@code cloud-tier-1}, a vid-cache with {@code
   * edge.tier=cloud} in site cloud-1) the broker sends a saturated site's new sessions to ({@code
   * broker.cloud-tier}); {@code brokerEnv} and {@code edgeEnv} add settings.
   */
  static CdnProcesses withCloudTier(
      Path dir, Map<String, String> brokerEnv, Map<String, String> edgeEnv, String... edgeSites)
      throws IOException {
    return new CdnProcesses(
        dir, writeTopology(dir, 0, false, edgeEnv, Map.of(), brokerEnv, edgeSites, true));
  }

  /** With the index, analytics and the controller (the trigger API's home). */
  static CdnProcesses withController(Path dir, String... edgeSites) throws IOException {
    return withController(dir, Map.of(), Map.of(), edgeSites);
  }

  /**
   * The same, with settings for every edge and for the controller (the topology's {@code env:}).
   */
  static CdnProcesses withController(
      Path dir, Map<String, String> edgeEnv, Map<String, String> controllerEnv, String... edgeSites)
      throws IOException {
    return new CdnProcesses(
        dir, writeTopology(dir, INDEX_MEMBERS, true, edgeEnv, controllerEnv, Map.of(), edgeSites));
  }

  Path topology() {
    return topology;
  }

  /**
   * {@code cdn up -d} with {@code options} (e.g. {@code --viewer-https}), asserted to succeed;
   * prints how long it took.
   */
  CdnProcesses up(String... options) {
    long start = System.nanoTime();
    List<String> args = new ArrayList<>(List.of("up", "-d", "--topology", topology.toString()));
    args.addAll(List.of(options));
    assertThat(cdn(args.toArray(String[]::new))).as(output()).isZero();
    System.out.printf(
        "CdnProcesses: cdn up -d took %d ms%n", (System.nanoTime() - start) / 1_000_000);
    return this;
  }

  /** {@code cdn index status --json}, members found through the topology. */
  JsonNode indexStatus() throws IOException {
    assertThat(cdn("index", "status", "--json", "--topology", topology.toString()))
        .as(output())
        .isZero();
    return Json.MAPPER.readTree(output());
  }

  /** The Raft peers of the topology's index members, {@code n1=127.0.0.1:PORT,...}. */
  String indexPeers() throws IOException {
    StringBuilder peers = new StringBuilder();
    for (JsonNode s : ps().values()) {
      if (!s.path("role").asText().equals("cache-index")) continue;
      if (!peers.isEmpty()) peers.append(',');
      peers.append(s.get("name").asText()).append("=127.0.0.1:").append(s.get("raftPort").asInt());
    }
    return peers.toString();
  }

  /** The data directory of the topology ({@code secrets/} under it). */
  Path dataDir() {
    return TopologyFile.load(topology).dataPath(dir);
  }

  /** {@code cdn ps --json}: every service's entry by name. */
  Map<String, JsonNode> ps() throws IOException {
    assertThat(cdn("ps", "--json", "--topology", topology.toString())).as(output()).isZero();
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    Json.MAPPER.readTree(output()).forEach(s -> byName.put(s.get("name").asText(), s));
    return byName;
  }

  /**
   * An admin, with the CA and the admin token `cdn up` wrote under the data directory's secrets.
   */
  Operator operator() {
    Secrets secrets = Secrets.at(TopologyFile.load(topology).dataPath(dir).resolve("secrets"));
    return new Operator(
        TlsMaterial.trustOnly(secrets.caCert()),
        () -> secrets.adminToken(java.time.Instant.now()).orElseThrow());
  }

  /**
   * The key, certificate and CA `cdn up` issued to service {@code name}: for a test that speaks a
   * transport only services use (the index's Raft port).
   */
  TlsMaterial serviceTls(String name) {
    Secrets secrets = Secrets.at(TopologyFile.load(topology).dataPath(dir).resolve("secrets"));
    return TlsMaterial.load(secrets.serviceCert(name), secrets.serviceKey(name), secrets.caCert());
  }

  /** {@code cdn token create ARGS}: the token printed. */
  String token(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "token";
    all[1] = "create";
    System.arraycopy(args, 0, all, 2, args.length);
    all[args.length + 2] = "--topology";
    all[args.length + 3] = topology.toString();
    assertThat(cdn(all)).as(output()).isZero();
    return output().strip();
  }

  /** {@code cdn down}, asserted to succeed. */
  @Override
  public void close() {
    assertThat(cdn("down", "--topology", topology.toString())).as(output()).isZero();
  }

  /** Any cdn command line, in the test's directory; its output is {@link #output()}. */
  int cdn(String... args) {
    out.reset();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    HealthProbe probe = new HealthProbe();
    CliContext context =
        new CliContext(
            dir,
            print,
            print,
            probe,
            new Supervisor(probe, Duration.ofSeconds(10)),
            (d, sample, w, h) -> {
              throw new AssertionError("no samples through the cli in these tests");
            });
    return Cdn.run(context, args);
  }

  String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Path writeTopology(
      Path dir,
      int indexMembers,
      boolean controller,
      Map<String, String> edgeEnv,
      Map<String, String> controllerEnv,
      Map<String, String> brokerEnv,
      String... edgeSites)
      throws IOException {
    return writeTopology(
        dir, indexMembers, controller, edgeEnv, controllerEnv, brokerEnv, edgeSites, false);
  }

  private static Path writeTopology(
      Path dir,
      int indexMembers,
      boolean controller,
      Map<String, String> edgeEnv,
      Map<String, String> controllerEnv,
      Map<String, String> brokerEnv,
      String[] edgeSites,
      boolean cloudTier)
      throws IOException {
    int[] ports = FreePorts.many(8 + 2 * edgeSites.length + 2 * indexMembers + 3 + 2);
    int cloudPort = ports[ports.length - 2];
    Map<String, String> broker = new LinkedHashMap<>(brokerEnv);
    if (cloudTier) {
      broker.put("broker.cloud-tier", "cloud-tier-1=http://127.0.0.1:" + cloudPort);
      broker.put("broker.cloud-tier-site", "cloud-1");
    }
    StringBuilder yaml =
        new StringBuilder(
            """
        dataDir: %s
        startTimeoutSeconds: 120
        services:
          - {name: vid-metadata, role: vid-metadata, port: %d, controlPort: %d}
          - {name: broker, role: vid-cache-broker, port: %d, controlPort: %d%s}
          - {name: vid-raw, role: vid-raw, port: %d, grpcPort: %d}
          - {name: client, role: client, port: %d, controlPort: %d}
        """
                .formatted(
                    dir.resolve("data"),
                    ports[0],
                    ports[5],
                    ports[1],
                    ports[6],
                    env(broker),
                    ports[2],
                    ports[3],
                    ports[4],
                    ports[7]));
    if (cloudTier) {
      yaml.append(
          "  - {name: cloud-tier-1, role: vid-cache, port: %d, controlPort: %d, site: cloud-1%s}%n"
              .formatted(cloudPort, ports[ports.length - 1], env(Map.of("edge.tier", "cloud"))));
    }
    for (int i = 0; i < edgeSites.length; i++) {
      yaml.append(
          "  - {name: edge-%d, role: vid-cache, port: %d, controlPort: %d, site: %s%s}%n"
              .formatted(i + 1, ports[8 + 2 * i], ports[9 + 2 * i], edgeSites[i], env(edgeEnv)));
    }
    int first = 8 + 2 * edgeSites.length;
    for (int i = 0; i < indexMembers; i++) {
      yaml.append(
          "  - {name: n%d, role: cache-index, port: %d, raftPort: %d}%n"
              .formatted(i + 1, ports[first + 2 * i], ports[first + 2 * i + 1]));
    }
    if (controller) {
      int more = first + 2 * indexMembers;
      yaml.append(
          "  - {name: analytics, role: analytics, port: %d, controlPort: %d}%n"
              .formatted(ports[more], ports[more + 1]));
      yaml.append(
          "  - {name: controller, role: controller, port: %d%s}%n"
              .formatted(ports[more + 2], env(controllerEnv)));
    }
    return Files.writeString(dir.resolve("topology.yaml"), yaml);
  }

  /** {@code , env: {"key": "value", ...}} for a service's flow mapping, or nothing. */
  private static String env(Map<String, String> settings) {
    if (settings.isEmpty()) return "";
    StringBuilder out = new StringBuilder(", env: {");
    settings.forEach((k, v) -> out.append('"').append(k).append("\": \"").append(v).append("\", "));
    out.setLength(out.length() - 2);
    return out.append('}').toString();
  }
}
