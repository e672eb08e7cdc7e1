package org.telcocdn.cli.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.cli.TopologyFile;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.Node;
import org.telcocdn.cli.network.SiteNetwork;

/** The host commands a network is built from, read without running them. */
class NamespacePlanTest {
  private static final String YAML =
      """
      network: {prefix: t}
      sites:
        - {name: cloud, kind: cloud, subnet: 10.200.1.0/24}
        - {name: edge, kind: edge, parents: [cloud], subnet: 10.200.2.0/24}
      clients:
        - {name: ran, attach: edge, subnet: 10.100.1.0/24}
      links:
        - {a: edge, b: cloud, oneWayMs: 5, jitterMs: 0.5, lossPct: 5, rateMbit: 50}
        - {a: ran, b: edge, oneWayMs: 0, rateMbit: 20}
      """;
  private final SiteNetwork net =
      TopologyFile.parse(new ByteArrayInputStream(YAML.getBytes(StandardCharsets.UTF_8)), "t")
          .siteNetwork();
  private final NamespacePlan plan = new NamespacePlan(net);

  private Node node(String name) {
    return net.node(name).orElseThrow();
  }

  @Test
  void namespacesFirstWithForwardingAndNoReversePathFilter() {
    List<HostCommand> step = plan.namespacesStep();
    assertThat(step.getFirst().argv()).containsExactly("ip", "-batch", "-");
    assertThat(step.getFirst().stdin())
        .isEqualTo("netns add t-cloud\nnetns add t-edge\nnetns add t-ran\n");
    assertThat(step.get(1).argv()).startsWith("ip", "netns", "exec", "t-cloud", "sh", "-c");
    assertThat(step.get(1).argv().getLast())
        .contains("echo 1 > /proc/sys/net/ipv4/ip_forward")
        .contains("echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter")
        .contains("echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6");
  }

  @Test
  void vethsGoStraightIntoTheirNamespacesAndEachSiteGetsAManagementPath() {
    String lines = plan.vethStep().stdin();
    assertThat(lines)
        .contains("link add l0 netns t-edge type veth peer name l0 netns t-cloud\n")
        .contains("link add l1 netns t-ran type veth peer name l1 netns t-edge\n")
        .contains("link add tm0 type veth peer name mgmt netns t-cloud\n")
        .contains("addr add 10.202.0.1/30 dev tm0\n")
        .contains("link add tm1 type veth peer name mgmt netns t-edge\n");
    assertThat(plan.hostDevices()).containsExactly("tm0", "tm1");
  }

  @Test
  void addressesLinkEndsAndTunsInsideANamespace() {
    HostCommand edge = plan.addressStep(node("edge"));
    assertThat(edge.argv()).containsExactly("ip", "-n", "t-edge", "-batch", "-");
    assertThat(edge.stdin())
        .contains(
            "addr add 10.200.2.1/32 dev lo\n",
            "addr add 10.202.0.6/30 dev mgmt\n",
            "addr add 10.201.0.0/31 dev l0\n",
            "link set dev l0 alias to-cloud\n",
            "tuntap add dev d0 mode tun\n",
            "link set d0 txqueuelen 1024\n",
            "addr add 10.201.0.3/31 dev l1\n");
    assertThat(edge.stdin()).as("no delay on l1, so no tun").doesNotContain("dev d1");
    assertThat(plan.addressStep(node("ran")).stdin())
        .as("the viewers' whole subnet is local")
        .contains("addr add 10.100.1.1/24 dev lo\n")
        .doesNotContain("mgmt");
  }

  @Test
  void eachEndShapesWhatItSendsAndRedirectsWhatArrivesToTheDelayLine() {
    String cloud = plan.trafficControlStep(node("cloud")).stdin();
    assertThat(cloud)
        .contains("qdisc add dev l0 root tbf rate 50000000bit burst 12500 limit 125000\n")
        .contains("qdisc add dev l0 handle ffff: ingress\n")
        .contains(
            "filter add dev l0 parent ffff: protocol ip prio 1 u32 match u32 0 0 action mirred egress redirect dev d0\n");
    String ran = plan.trafficControlStep(node("ran")).stdin();
    assertThat(ran).contains("root tbf rate 20000000bit").doesNotContain("mirred");
  }

  @Test
  void lossIsOneNftablesRulePerLossyLinkEndOnTheReceivingSide() {
    HostCommand cloud = plan.lossStep(node("cloud"));
    assertThat(cloud.argv()).containsExactly("ip", "netns", "exec", "t-cloud", "nft", "-f", "-");
    assertThat(cloud.stdin())
        .contains(
            "table inet cdn {",
            "type filter hook prerouting priority raw; policy accept;",
            "iifname \"d0\" numgen random mod 10000 < 500 counter drop");
    assertThat(plan.lossStep(node("ran"))).as("a link without loss needs no table").isNull();
  }

  @Test
  void routesGoThroughTheNextHopWithTheNodesOwnAddressAsSource() {
    List<HostCommand> routes = plan.routeStep(List.of());
    String ran =
        routes.stream().filter(c -> c.argv().contains("t-ran")).findFirst().orElseThrow().stdin();
    assertThat(ran).contains("route replace 10.200.1.0/24 via 10.201.0.3 dev l1 src 10.100.1.1\n");
    String host = routes.getLast().stdin();
    assertThat(host).contains("route replace 10.200.1.0/24 via 10.202.0.2 dev tm0\n");
  }

  @Test
  void aCutLinkGoesDownAndWhatOnlyItReachedBecomesUnreachable() {
    Link uplink = net.link("edge", "cloud").orElseThrow();
    List<HostCommand> routes = plan.routeStep(List.of(uplink));
    String edge =
        routes.stream().filter(c -> c.argv().contains("t-edge")).findFirst().orElseThrow().stdin();
    assertThat(edge).contains("link set l0 down\n", "route replace unreachable 10.200.1.0/24\n");
  }

  @Test
  void theDelayLineHoldsBothDirectionsOfEveryDelayedLink() {
    assertThat(plan.delayDirections())
        .extracting(DelayLineConfig.Direction::namespace, DelayLineConfig.Direction::device)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("t-cloud", "d0"),
            org.assertj.core.groups.Tuple.tuple("t-edge", "d0"));
    assertThat(plan.delayDirections().getFirst().oneWayMs()).isEqualTo(5.0);
  }

  @Test
  void teardownRemovesNamespacesAndHostDevicesAndGoesOnPastMissingOnes() {
    List<HostCommand> teardown = NamespacePlan.teardown(plan.namespaces(), plan.hostDevices());
    assertThat(teardown.getFirst().argv()).containsExactly("ip", "-force", "-batch", "-");
    assertThat(teardown.getFirst().stdin())
        .isEqualTo(
            "netns del t-cloud\nnetns del t-edge\nnetns del t-ran\nlink del tm0\nlink del tm1\n");
  }

  @Test
  void queueCapacityFollowsRateAndDelay() {
    Link uplink = net.link("edge", "cloud").orElseThrow();
    assertThat(NamespacePlan.capacity(uplink.spec())).isEqualTo(1024);
    assertThat(NamespacePlan.capacity(new org.telcocdn.cli.network.LinkSpec(20.0, 0.1, 0.0, null)))
        .isEqualTo(8192);
  }
}
