package org.telcocdn.cli.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.cli.TopologyFile;
import org.telcocdn.cli.network.SiteNetwork;

/**
 * Creation and tear-down as sequences of host commands, with a host that records instead of
 * running.
 */
class EmulatedNetworkTest {
  private static final String YAML =
      """
      network: {prefix: unit}
      sites:
        - {name: cloud, kind: cloud}
        - {name: edge, kind: edge, parents: [cloud]}
      links:
        - {a: edge, b: cloud, oneWayMs: 0, lossPct: 1, rateMbit: 10}
      """;
  private final SiteNetwork net =
      TopologyFile.parse(new ByteArrayInputStream(YAML.getBytes(StandardCharsets.UTF_8)), "t")
          .siteNetwork();

  /** Records every command; fails the first whose text contains {@code failOn}. */
  private static final class RecordingHost implements HostCommands {
    final List<HostCommand> ran = new ArrayList<>();
    final String failOn;

    RecordingHost(String failOn) {
      this.failOn = failOn;
    }

    @Override
    public void run(HostCommand command) {
      ran.add(command);
      if (failOn != null && command.toString().contains(failOn))
        throw new IllegalStateException("`" + failOn + "` failed");
    }

    @Override
    public void runIgnoringErrors(HostCommand command) {
      ran.add(command);
    }
  }

  @Test
  void everyNamespaceIsRecordedBeforeAnyIsCreated_soAFailureHalfWayIsClearedByDestroy() {
    RecordingHost host = new RecordingHost("tbf");
    List<NetworkState> recorded = new ArrayList<>();
    EmulatedNetwork network =
        new EmulatedNetwork(net, host, Path.of("/tmp/unused-run"), Path.of("/tmp/unused-logs"));

    assertThatThrownBy(() -> network.create(recorded::add)).hasMessageContaining("`tbf` failed");
    assertThat(recorded).hasSize(1);
    assertThat(recorded.getFirst().namespaces()).containsExactly("unit-cloud", "unit-edge");
    assertThat(host.ran.getFirst().stdin()).startsWith("netns add unit-cloud");

    RecordingHost cleaner = new RecordingHost(null);
    EmulatedNetwork.destroy(recorded.getFirst(), cleaner);
    assertThat(cleaner.ran)
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.stdin())
                    .isEqualTo(
                        "netns del unit-cloud\nnetns del unit-edge\nlink del unitm0\nlink del unitm1\n"));
  }

  @Test
  void aLinkWithoutDelayNeedsNoDelayLine() {
    RecordingHost host = new RecordingHost(null);
    NetworkState state =
        new EmulatedNetwork(net, host, Path.of("/tmp/unused-run"), Path.of("/tmp/unused-logs"))
            .create(s -> {});
    assertThat(state.delayLinePid()).isNull();
    assertThat(host.ran)
        .extracting(HostCommand::toString)
        .anyMatch(c -> c.contains("numgen random mod 10000 < 100"))
        .anyMatch(c -> c.contains("route replace"));
  }

  @Test
  void rootIsRequiredWithAClearMessage() {
    assertThatThrownBy(() -> EmulatedNetwork.requireRoot("cdn up with sites", false))
        .hasMessage(
            "cdn up with sites needs root (network namespaces, tc and nftables): run it with sudo");
  }
}
