package org.telcocdn.cli.netns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.telcocdn.cli.network.Ipv4Prefix;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.LinkSpec;
import org.telcocdn.cli.network.Node;
import org.telcocdn.cli.network.SiteNetwork;

/**
 * The host commands that build a {@link SiteNetwork} out of namespaces, veth pairs, tc and
 * nftables, as data: {@link EmulatedNetwork} runs them, the unit tests read them. Per link
 * direction A→B:
 *
 * <ol>
 *   <li>rate: a {@code tbf} root qdisc on A's end shapes what A sends (its queue holds 10 ms plus
 *       one round trip of the link at the link's rate);
 *   <li>delay and jitter: on arrival at B's end, a tc ingress filter ({@code u32} matching every IP
 *       packet, action {@code mirred egress redirect}) hands the packet to tun {@code dN} in B,
 *       where the {@link DelayLine} holds it and writes it back; B then routes it as received on
 *       {@code dN};
 *   <li>loss: an nftables rule in B's prerouting drops {@code lossPct} of what comes in on {@code
 *       dN} ({@code numgen random mod 10000}), on the receiving side so that a sender never sees a
 *       local error for a packet lost "on the wire".
 * </ol>
 *
 * ARP and everything else that is not IPv4 crosses undelayed; IPv6 is off in the namespaces.
 */
public final class NamespacePlan {
  /** Loss is drawn per packet from 10,000 buckets: 0.01 % steps. */
  private static final int LOSS_BUCKETS = 10_000;

  private static final List<String> SYSCTLS =
      List.of(
          "net/ipv4/ip_forward=1",
          // Packets come back from the delay line on the tun, not on the veth their source routes
          // over.
          "net/ipv4/conf/all/rp_filter=0",
          "net/ipv4/conf/default/rp_filter=0",
          "net/ipv6/conf/all/disable_ipv6=1",
          "net/ipv6/conf/default/disable_ipv6=1");

  private final SiteNetwork network;

  public NamespacePlan(SiteNetwork network) {
    this.network = network;
  }

  /** Every namespace, sites then client groups. */
  public List<String> namespaces() {
    return network.nodes().stream().map(Node::namespace).toList();
  }

  /** The host's end of every site's management veth. */
  public List<String> hostDevices() {
    return network.sites().stream().map(network::managementDevice).toList();
  }

  /** The namespaces, with their sysctls, before any interface exists in them. */
  public List<HostCommand> namespacesStep() {
    List<HostCommand> commands = new ArrayList<>();
    commands.add(
        HostCommand.batch(
            List.of("ip", "-batch", "-"),
            namespaces().stream().map(ns -> "netns add " + ns).toList()));
    String sysctls =
        String.join(
            "; ",
            SYSCTLS.stream()
                .map(
                    s ->
                        "echo "
                            + s.substring(s.indexOf('=') + 1)
                            + " > /proc/sys/"
                            + s.substring(0, s.indexOf('=')))
                .toList());
    for (String ns : namespaces())
      commands.add(HostCommand.of("ip", "netns", "exec", ns, "sh", "-c", sysctls));
    return commands;
  }

  /** The veth pairs of links and of the management path, created straight into their namespaces. */
  public HostCommand vethStep() {
    List<String> lines = new ArrayList<>();
    for (Link l : network.links()) {
      lines.add(
          "link add "
              + l.device()
              + " netns "
              + ns(l.a())
              + " type veth peer name "
              + l.device()
              + " netns "
              + ns(l.b()));
    }
    for (Node site : network.sites()) {
      String host = network.managementDevice(site);
      Ipv4Prefix mgmt = network.management(site);
      lines.add("link add " + host + " type veth peer name mgmt netns " + site.namespace());
      lines.add("addr add " + mgmt.address(1) + "/30 dev " + host);
      lines.add("link set " + host + " up");
    }
    return HostCommand.batch(List.of("ip", "-batch", "-"), lines);
  }

  /** Inside one namespace: loopback and its addresses, link ends, the management end, the tuns. */
  public HostCommand addressStep(Node node) {
    List<String> lines = new ArrayList<>();
    lines.add("link set lo up");
    if (node.isClientGroup()) {
      // The whole subnet is local: a viewer can be any address of it (curl --interface
      // 10.100.1.57).
      lines.add("addr add " + node.address() + "/" + node.subnet().length() + " dev lo");
    } else {
      lines.add("addr add " + node.address() + "/32 dev lo");
      for (String service : network.servicesIn(node.name()))
        lines.add("addr add " + network.addressOf(service) + "/32 dev lo");
      lines.add("addr add " + network.management(node).address(2) + "/30 dev mgmt");
      lines.add("link set mgmt up");
    }
    for (Link l : network.linksOf(node.name())) {
      lines.add("addr add " + l.addressAt(node.name()) + "/31 dev " + l.device());
      lines.add("link set dev " + l.device() + " alias to-" + l.other(node.name()));
      lines.add("link set " + l.device() + " up");
      if (l.spec().delays()) {
        lines.add("tuntap add dev " + l.tun() + " mode tun");
        // The tun's own queue (its txqueuelen, 500 by default) holds what arrives while the delay
        // line is not reading, and drops the rest as if the link had lost it: 83 ms of a probe's
        // 6,000 datagrams a second, less than the delay line was seen held back on a busy host
        // (138 ms). Sized like the delay line's ring, the queue that stands for the link's.
        lines.add("link set " + l.tun() + " txqueuelen " + capacity(l.spec()));
        lines.add("link set " + l.tun() + " up");
      }
    }
    return HostCommand.batch(List.of("ip", "-n", node.namespace(), "-batch", "-"), lines);
  }

  /**
   * Shaping of what leaves over each link end, and the redirect of what arrives to the delay line.
   */
  public HostCommand trafficControlStep(Node node) {
    List<String> lines = new ArrayList<>();
    for (Link l : network.linksOf(node.name())) {
      if (l.spec().rateMbit() != null) lines.add(tbf(l));
      if (l.spec().delays()) {
        lines.add("qdisc add dev " + l.device() + " handle ffff: ingress");
        lines.add(
            "filter add dev "
                + l.device()
                + " parent ffff: protocol ip prio 1 u32 match u32 0 0"
                + " action mirred egress redirect dev "
                + l.tun());
      }
    }
    return lines.isEmpty()
        ? null
        : HostCommand.batch(List.of("tc", "-n", node.namespace(), "-batch", "-"), lines);
  }

  /**
   * The loss rules of one namespace (one nftables table, {@code inet cdn}); null when no link of it
   * loses packets.
   */
  public HostCommand lossStep(Node node) {
    List<String> rules = new ArrayList<>();
    for (Link l : network.linksOf(node.name())) {
      double loss = l.spec().lossPct();
      if (loss <= 0) continue;
      long threshold = Math.round(loss / 100 * LOSS_BUCKETS);
      String in = l.spec().delays() ? l.tun() : l.device();
      rules.add(
          "    iifname \""
              + in
              + "\" numgen random mod "
              + LOSS_BUCKETS
              + " < "
              + threshold
              + " counter drop");
    }
    if (rules.isEmpty()) return null;
    String table =
        "table inet cdn {\n  chain loss {\n    type filter hook prerouting priority raw; policy accept;\n"
            + String.join("\n", rules)
            + "\n  }\n}";
    return new HostCommand(
        List.of("ip", "netns", "exec", node.namespace(), "nft", "-f", "-"), table + "\n");
  }

  /**
   * Routes in every namespace towards every other node's subnet, through the first link of the
   * shortest path with the {@code cut} links down; a destination no path reaches gets an {@code
   * unreachable} route (senders fail at once, as behind a router that lost its route). Also the
   * host's routes to each site over its management veth.
   */
  public List<HostCommand> routeStep(Collection<Link> cut) {
    Map<String, Map<String, Link>> hops = network.routes(cut);
    List<HostCommand> commands = new ArrayList<>();
    for (Node node : network.nodes()) {
      List<String> lines = new ArrayList<>();
      for (Link l : network.linksOf(node.name()))
        lines.add("link set " + l.device() + (cut.contains(l) ? " down" : " up"));
      for (Node dest : network.nodes()) {
        if (dest == node) continue;
        Link hop = hops.get(node.name()).get(dest.name());
        lines.add(
            hop == null
                ? "route replace unreachable " + dest.subnet()
                : "route replace "
                    + dest.subnet()
                    + " via "
                    + hop.addressAt(hop.other(node.name()))
                    + " dev "
                    + hop.device()
                    + " src "
                    + node.address());
      }
      commands.add(HostCommand.batch(List.of("ip", "-n", node.namespace(), "-batch", "-"), lines));
    }
    List<String> host = new ArrayList<>();
    for (Node site : network.sites()) {
      host.add(
          "route replace "
              + site.subnet()
              + " via "
              + network.management(site).address(2)
              + " dev "
              + network.managementDevice(site));
    }
    commands.add(HostCommand.batch(List.of("ip", "-batch", "-"), host));
    return commands;
  }

  /** What the delay line holds: both directions of every link with a delay. */
  public List<DelayLineConfig.Direction> delayDirections() {
    List<DelayLineConfig.Direction> directions = new ArrayList<>();
    for (Link l : network.links()) {
      if (!l.spec().delays()) continue;
      int capacity = capacity(l.spec());
      directions.add(
          new DelayLineConfig.Direction(
              ns(l.b()),
              l.tun(),
              l.spec().oneWayMs(),
              l.spec().jitterMs(),
              capacity,
              2L * l.index()));
      directions.add(
          new DelayLineConfig.Direction(
              ns(l.a()),
              l.tun(),
              l.spec().oneWayMs(),
              l.spec().jitterMs(),
              capacity,
              2L * l.index() + 1));
    }
    return directions;
  }

  /**
   * Removes what {@link #namespacesStep} and {@link #vethStep} made; every line may find it gone
   * already.
   */
  public static List<HostCommand> teardown(
      Collection<String> namespaces, Collection<String> hostDevices) {
    List<String> lines = new ArrayList<>();
    namespaces.forEach(ns -> lines.add("netns del " + ns));
    hostDevices.forEach(d -> lines.add("link del " + d));
    return lines.isEmpty()
        ? List.of()
        : List.of(HostCommand.batch(List.of("ip", "-force", "-batch", "-"), lines));
  }

  /**
   * The shaper of one end: tokens for 2 ms at the rate (at least two full packets), so that a
   * watchdog that fires late on a busy machine does not cost capacity; a queue of 10 ms plus one
   * round trip of the link at the rate, so that one TCP flow can fill the link.
   */
  static String tbf(Link l) {
    LinkSpec s = l.spec();
    double bytesPerMs = s.rateMbit() * 1e6 / 8 / 1000;
    long burst = Math.max(Math.round(bytesPerMs * 2), 3028);
    long limit = Math.max(Math.round(bytesPerMs * (10 + s.roundTripMs())), 2 * burst);
    return "qdisc add dev "
        + l.device()
        + " root tbf rate "
        + Math.round(s.rateMbit() * 1e6)
        + "bit burst "
        + burst
        + " limit "
        + limit;
  }

  /**
   * Packets one direction may hold: four times what fills the delay (plus jitter) at the link's
   * rate in full-size packets, 1,024 to 16,384 (2 to 32 MiB); an unshaped link is sized as 1
   * Gbit/s. The floor is for bursts of small packets (ACKs, a probe's datagrams): the shaper's
   * queue ahead counts bytes, this ring counts packets.
   */
  static int capacity(LinkSpec s) {
    double rate = s.rateMbit() == null ? 1000 : s.rateMbit();
    double packetsPerMs = rate * 1e6 / 8 / 1500 / 1000;
    long wanted = Math.round(4 * packetsPerMs * (s.oneWayMs() + s.jitterMs()));
    return (int) Math.min(16_384, Math.max(1024, Long.highestOneBit(Math.max(1, wanted - 1)) << 1));
  }

  private String ns(String node) {
    return network.node(node).orElseThrow().namespace();
  }
}
