package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.FreePorts;

/** `up` and `stop` with stand-in services: real processes, real ports, real state file. */
class ClusterIT {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Supervisor supervisor = new Supervisor(new HealthProbe(), Duration.ofSeconds(5));

  @Test
  void startsEveryServiceInOrderRecordsThemAndStopsThem() {
    Cluster cluster = cluster(topology(""));

    RunState state = cluster.up();

    assertThat(state.services())
        .extracting(RunningService::name)
        .containsExactly("meta", "broker", "origin", "edge-1", "client");
    assertThat(new StateFile(dir).read()).contains(state);
    assertThat(state.services())
        .allSatisfy(
            s ->
                assertThat(new HealthProbe().healthy(s.url(), Wiring.secrets(dir).caCert()))
                    .isTrue());
    assertThat(state.services())
        .filteredOn(s -> s.name().equals("edge-1"))
        .singleElement()
        .satisfies(s -> assertThat(s.controlUrl()).startsWith("https://127.0.0.1:"));
    assertThat(Wiring.secrets(dir).serviceCert("edge-1")).exists();
    assertThat(Wiring.secrets(dir).operatorToken()).exists();
    List<ProcessHandle> processes =
        state.services().stream().map(s -> s.process().orElseThrow()).toList();

    cluster.stop();

    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(new StateFile(dir).path()).doesNotExist();
  }

  @Test
  void byNeeds_eachRoleStartsOnceWhatItNeedsIsHealthy() {
    Cluster cluster = cluster(topology("")).startingByNeeds();

    RunState state = cluster.up();

    assertThat(state.services())
        .extracting(RunningService::name)
        .containsExactlyInAnyOrder("meta", "broker", "origin", "edge-1", "client");
    // Role.needs(): the origin after metadata, the edge after the broker and the origin, the client
    // after metadata and the broker; metadata and the broker side by side.
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsSubsequence("healthy  meta", "Starting origin")
        .containsSubsequence("healthy  origin", "Starting edge-1")
        .containsSubsequence("healthy  broker", "Starting edge-1")
        .containsSubsequence("healthy  broker", "Starting client")
        .contains("s after its launch");
    List<ProcessHandle> processes =
        state.services().stream().map(s -> s.process().orElseThrow()).toList();
    cluster.stop();
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(new StateFile(dir).path()).doesNotExist();
  }

  @Test
  void byNeeds_aServiceThatFailsStopsEveryOtherAndNothingStartsAfter() {
    Cluster cluster = cluster(topology("DUMMY_EXIT: \"4\"")).startingByNeeds();

    assertThatThrownBy(cluster::up)
        .isInstanceOf(CliException.class)
        .hasMessageContaining("origin exited with code 4 before it was healthy");

    assertThat(cluster.state().services()).isEmpty();
    assertThat(new StateFile(dir).path()).doesNotExist();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Starting edge-1");
  }

  @Test
  void aServiceThatFailsStopsTheOnesStartedBefore() {
    Cluster cluster = cluster(topology("DUMMY_EXIT: \"4\""));

    assertThatThrownBy(cluster::up)
        .isInstanceOf(CliException.class)
        .hasMessageContaining(
            "origin exited with code 4 before it was healthy; read "
                + dir.resolve("logs/origin.log"));

    assertThat(cluster.state().services()).isEmpty();
    assertThat(new StateFile(dir).path()).doesNotExist();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Start failed; stopping the services already started.");
  }

  @Test
  void aTakenPortIsRefusedBeforeAnythingStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Topology topology = topology("");
      Topology clash =
          new Topology(
              topology.dataDir(),
              30,
              topology.services().stream()
                  .map(
                      s ->
                          s.name().equals("broker")
                              ? new ServiceSpec(
                                  "broker",
                                  s.role(),
                                  taken.getLocalPort(),
                                  s.controlPort(),
                                  null,
                                  null,
                                  null,
                                  s.env())
                              : s)
                  .toList());

      assertThatThrownBy(cluster(clash)::up)
          .isInstanceOf(CliException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " for broker is already in use");
    }
  }

  @Test
  void aMissingMainClassIsRefusedBeforeAnythingStarts() {
    Cluster cluster =
        new Cluster(
            topology(""), dir, supervisor, new PrintStream(out), role -> "org.example.Missing");

    assertThatThrownBy(cluster::up)
        .isInstanceOf(CliException.class)
        .hasMessageContaining(
            "vid-metadata's main class org.example.Missing is not on the classpath");
    assertThat(new StateFile(dir).path()).doesNotExist();
  }

  @Test
  void indexMembersAreLaunchedFirstRecordedWithTheirRaftPortAndStoppedLast() {
    String index =
        "  - {name: n1, role: cache-index, port: %d, raftPort: %d}\n  - {name: n2, role: cache-index, port: %d, raftPort: %d}\n  - {name: n3, role: cache-index, port: %d, raftPort: %d}\n"
            .formatted(Arrays.stream(FreePorts.many(6)).boxed().toArray());
    Topology withIndex =
        TopologyFile.parse(
            new ByteArrayInputStream((yaml("") + index).getBytes(StandardCharsets.UTF_8)), "test");
    Cluster cluster = cluster(withIndex);

    RunState state = cluster.up();

    assertThat(state.services().subList(0, 3))
        .extracting(RunningService::name)
        .containsExactly("n1", "n2", "n3");
    assertThat(state.services())
        .extracting(RunningService::name)
        .containsExactlyInAnyOrder(
            "n1", "n2", "n3", "meta", "broker", "origin", "edge-1", "client");
    assertThat(state.services().subList(0, 3))
        .allSatisfy(s -> assertThat(s.raftPort()).isNotNull());
    List<ProcessHandle> members =
        state.services().subList(0, 3).stream().map(s -> s.process().orElseThrow()).toList();
    assertThat(state.stopOrder().getLast()).containsExactlyInAnyOrderElementsOf(members);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsSubsequence("Starting n3", "Starting meta", "healthy  client", "healthy  n1");
    cluster.stop();
    assertThat(members).noneMatch(ProcessHandle::isAlive);
  }

  private Cluster cluster(Topology topology) {
    return new Cluster(
        topology,
        dir,
        supervisor,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        role -> DummyService.class.getName());
  }

  /** A topology on free ports; {@code originEnv} is the origin's env map (YAML flow content). */
  private Topology topology(String originEnv) {
    return TopologyFile.parse(
        new ByteArrayInputStream(yaml(originEnv).getBytes(StandardCharsets.UTF_8)), "test");
  }

  private static String yaml(String originEnv) {
    int[] ports =
        FreePorts.many(10); // the services are wired by port, so they need one before they start
    return """
        startTimeoutSeconds: 30
        services:
          - {name: meta, role: vid-metadata, port: %d, controlPort: %d, env: {CDN_LOG_LEVEL: WARN}}
          - {name: broker, role: vid-cache-broker, port: %d, controlPort: %d}
          - {name: origin, role: vid-raw, port: %d, grpcPort: %d, env: {%s}}
          - {name: edge-1, role: vid-cache, port: %d, controlPort: %d, site: site-a}
          - {name: client, role: client, port: %d, controlPort: %d}
        """
        .formatted(
            ports[0], ports[6], ports[1], ports[7], ports[2], ports[3], originEnv, ports[4],
            ports[8], ports[5], ports[9]);
  }
}
