package org.telcocdn.cli.network;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated network of a topology, resolved and validated: every site and client group with its
 * namespace and subnet, every link with its complete spec and addresses, every service's address,
 * and the routes. A pure value: {@link org.telcocdn.cli.netns} turns it into namespaces, and the
 * Kubernetes rendering can read the same.
 *
 * <p>Addresses: a site's router is the first host of its subnet and its services the 10th onwards
 * in the order of the file; a client group's whole subnet is local to its namespace. Link {@code i}
 * is the {@code i}-th /31 of {@code network.linkBlock}; site {@code j}'s management path (host to
 * namespace, not emulated) the {@code j}-th /30 of {@code network.managementBlock}.
 */
public final class SiteNetwork {
  /** Services get the 10th address of their site onwards; the ones below are for routers. */
  static final int FIRST_SERVICE_HOST = 10;

  private final NetworkSettings settings;
  private final Map<String, Node> nodes;
  private final List<Link> links;
  private final Map<String, String> serviceSites;
  private final Map<String, String> serviceAddresses;

  SiteNetwork(
      NetworkSettings settings,
      Map<String, Node> nodes,
      List<Link> links,
      Map<String, String> serviceSites,
      Map<String, String> serviceAddresses) {
    this.settings = settings;
    this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    this.links = List.copyOf(links);
    this.serviceSites = Collections.unmodifiableMap(new LinkedHashMap<>(serviceSites));
    this.serviceAddresses = Map.copyOf(serviceAddresses);
  }

  /**
   * Validates and resolves; {@link IllegalArgumentException} names the field at fault.
   *
   * @param linkDefaults per link class ({@code edge-regional}...), see {@link NodeKind#linkClass}
   */
  public static SiteNetwork resolve(
      NetworkSettings settings,
      List<Site> sites,
      Map<String, LinkSpec> linkDefaults,
      List<LinkEntry> links,
      List<ClientGroup> clients,
      List<Placement> services) {
    return new SiteNetworkResolver(settings, sites, linkDefaults, links, clients, services)
        .resolve();
  }

  public NetworkSettings settings() {
    return settings;
  }

  /** Sites in file order, then client groups in file order. */
  public List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  public List<Node> sites() {
    return nodes().stream().filter(n -> !n.isClientGroup()).toList();
  }

  public List<Node> clientGroups() {
    return nodes().stream().filter(Node::isClientGroup).toList();
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public List<Link> links() {
    return links;
  }

  public Optional<Link> link(String x, String y) {
    return links.stream().filter(l -> l.joins(x, y)).findFirst();
  }

  public List<Link> linksOf(String node) {
    return links.stream().filter(l -> l.a().equals(node) || l.b().equals(node)).toList();
  }

  /** The site a service runs in. */
  public Node siteOf(String service) {
    return nodes.get(serviceSites.get(service));
  }

  public String addressOf(String service) {
    return serviceAddresses.get(service);
  }

  /** The services of a site in the order of the file (the order of their addresses). */
  public List<String> servicesIn(String site) {
    return serviceSites.entrySet().stream()
        .filter(e -> e.getValue().equals(site))
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The routes with every link up but {@code cut}: for each node, the link towards every other
   * node.
   */
  public Map<String, Map<String, Link>> routes(Collection<Link> cut) {
    return new Routes(nodes(), links, Set.copyOf(cut)).nextHops();
  }

  /**
   * The one-way delay in ms of the shortest path (by delay, every link up) from {@code node} to
   * every node it reaches, itself included at 0: what the broker's neighbour order is derived from.
   */
  public Map<String, Double> delaysFrom(String node) {
    return new Routes(nodes(), links, Set.of()).delaysFrom(node);
  }

  /**
   * The host's end ({@code address(1)}) and the namespace's end ({@code address(2)}) of a site's
   * management /30.
   */
  public Ipv4Prefix management(Node site) {
    return Ipv4Prefix.parse(settings.managementBlock()).subnet(site.siteIndex(), 30);
  }

  /** The host's interface of a site's management path: {@code PREFIXm} + the site's index. */
  public String managementDevice(Node site) {
    return settings.prefix() + "m" + site.siteIndex();
  }

  static Map<String, Node> byName(List<Node> nodes) {
    Map<String, Node> map = new LinkedHashMap<>();
    nodes.forEach(n -> map.put(n.name(), n));
    return map;
  }
}
