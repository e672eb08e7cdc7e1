package org.telcocdn.cli.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a topology's sites, links and client groups and resolves them into a {@link SiteNetwork}.
 * Every rule fails with the field at fault named ({@code site edge-a: parents ...}), because a
 * mistake here would otherwise show up as a namespace without a route, far from its cause.
 */
final class SiteNetworkResolver {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,7}");

  private final NetworkSettings settings;
  private final List<Site> sites;
  private final Map<String, LinkSpec> linkDefaults;
  private final List<LinkEntry> links;
  private final List<ClientGroup> clients;
  private final List<Placement> services;
  private final Map<String, Node> nodes = new LinkedHashMap<>();

  /** Every prefix claimed so far, with its owner, for the overlap check. */
  private final Map<Ipv4Prefix, String> claimed = new LinkedHashMap<>();

  SiteNetworkResolver(
      NetworkSettings settings,
      List<Site> sites,
      Map<String, LinkSpec> linkDefaults,
      List<LinkEntry> links,
      List<ClientGroup> clients,
      List<Placement> services) {
    this.settings = settings;
    this.sites = sites;
    this.linkDefaults = linkDefaults;
    this.links = links;
    this.clients = clients;
    this.services = services;
  }

  SiteNetwork resolve() {
    if (!PREFIX.matcher(settings.prefix()).matches()) {
      fail(
          "network.prefix '"
              + settings.prefix()
              + "' must match "
              + PREFIX.pattern()
              + " (it names interfaces of at most 15 characters)");
    }
    Ipv4Prefix siteBlock = block("network.siteBlock", settings.siteBlock());
    claim(block("network.linkBlock", settings.linkBlock()), "network.linkBlock");
    claim(block("network.managementBlock", settings.managementBlock()), "network.managementBlock");
    addSites(siteBlock);
    sites.forEach(this::checkParents);
    addClients();
    checkLinkDefaults();
    List<Link> resolved = resolveLinks();
    checkConnected(resolved);
    Map<String, String> serviceSites = new LinkedHashMap<>();
    Map<String, String> addresses = new LinkedHashMap<>();
    placeServices(serviceSites, addresses);
    return new SiteNetwork(settings, nodes, resolved, serviceSites, addresses);
  }

  private void addSites(Ipv4Prefix siteBlock) {
    if (sites.isEmpty()) fail("sites: a network needs at least one site");
    for (int i = 0; i < sites.size(); i++) {
      Site site = sites.get(i);
      String where = "site " + site.name();
      checkName(site.name(), "site");
      if (site.kind() == null || NodeKind.ofSite(site.kind()).isEmpty()) {
        fail(where + ": kind '" + site.kind() + "' is not one of cloud, core, regional, edge");
      }
      Ipv4Prefix subnet =
          site.subnet() != null
              ? prefix(where + ": subnet", site.subnet())
              : autoSubnet(siteBlock, i, where);
      claim(subnet, where);
      add(
          new Node(
              site.name(),
              site.kindValue(),
              subnet,
              site.parents(),
              null,
              namespace(site.name()),
              i));
    }
  }

  private Ipv4Prefix autoSubnet(Ipv4Prefix siteBlock, int i, String where) {
    try {
      return siteBlock.subnet(i, 24);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where
              + ": network.siteBlock "
              + siteBlock
              + " has no /24 left for it; give the site a subnet");
    }
  }

  private void checkParents(Site site) {
    String where = "site " + site.name() + ": parents";
    NodeKind kind = site.kindValue();
    List<String> parents = site.parents();
    switch (kind) {
      case EDGE -> {
        if (parents.isEmpty() || parents.size() > 2) {
          fail(
              where
                  + " must name a primary and a secondary parent (regional sites), e.g. [regional-1, regional-2]; has "
                  + parents);
        }
      }
      case REGIONAL -> {
        if (parents.size() != 1)
          fail(
              where
                  + " must name one parent (a cloud site: the origin or the cloud tier); has "
                  + parents);
      }
      default -> {
        if (!parents.isEmpty())
          fail(where + ": a " + kind.yamlName() + " site has no parents; has " + parents);
      }
    }
    if (new HashSet<>(parents).size() != parents.size())
      fail(where + " names the same site twice: " + parents);
    for (String parent : parents) {
      Node p = nodes.get(parent);
      if (p == null) fail(where + " names unknown site '" + parent + "'; sites: " + siteNames());
      if (!kind.mayHaveParent(p.kind())) {
        fail(
            where
                + ": '"
                + parent
                + "' is a "
                + p.kind().yamlName()
                + " site; a "
                + kind.yamlName()
                + " site's parents must be "
                + (kind == NodeKind.EDGE ? "regional (or cloud) sites" : "cloud sites"));
      }
    }
  }

  private void addClients() {
    for (ClientGroup c : clients) {
      String where = "client group " + c.name();
      checkName(c.name(), "client group");
      Node site = c.attach() == null ? null : nodes.get(c.attach());
      if (site == null)
        fail(where + ": attach '" + c.attach() + "' is not a site; sites: " + siteNames());
      if (site.kind() != NodeKind.EDGE) {
        fail(
            where
                + ": attach '"
                + c.attach()
                + "' is a "
                + site.kind().yamlName()
                + " site; client groups attach to edge sites");
      }
      if (c.subnet() == null)
        fail(where + ": subnet is missing (the viewers' addresses, e.g. 10.100.1.0/24)");
      Ipv4Prefix subnet = prefix(where + ": subnet", c.subnet());
      if (subnet.size() < 4) fail(where + ": subnet " + subnet + " is too small (at most /30)");
      claim(subnet, where);
      add(new Node(c.name(), NodeKind.RAN, subnet, List.of(), c.attach(), namespace(c.name()), -1));
    }
  }

  private void checkLinkDefaults() {
    Set<String> classes = new HashSet<>();
    for (NodeKind a : NodeKind.values())
      for (NodeKind b : NodeKind.values()) classes.add(NodeKind.linkClass(a, b));
    for (String key : linkDefaults.keySet()) {
      if (!classes.contains(key)) {
        fail(
            "linkDefaults: '"
                + key
                + "' is not a link class; use two kinds, lower first, e.g. ran-edge, edge-regional, regional-core, core-cloud");
      }
    }
  }

  private List<Link> resolveLinks() {
    List<LinkEntry> entries = new ArrayList<>(links);
    for (ClientGroup c : clients) {
      boolean listed =
          links.stream().anyMatch(l -> c.name().equals(l.a()) || c.name().equals(l.b()));
      if (!listed) entries.add(new LinkEntry(c.name(), c.attach(), null, null, null, null));
    }
    Ipv4Prefix linkBlock = Ipv4Prefix.parse(settings.linkBlock());
    List<Link> resolved = new ArrayList<>();
    for (LinkEntry entry : entries) resolved.add(resolveLink(entry, resolved, linkBlock));
    return resolved;
  }

  private Link resolveLink(LinkEntry e, List<Link> before, Ipv4Prefix linkBlock) {
    String where = "link " + e.label();
    Node a = endpoint(e.a(), where + ": a");
    Node b = endpoint(e.b(), where + ": b");
    if (a == b) fail(where + " joins a node to itself");
    if (before.stream().anyMatch(l -> l.joins(e.a(), e.b()))) fail(where + " is listed twice");
    for (Node n : List.of(a, b)) {
      Node other = n == a ? b : a;
      if (n.isClientGroup() && !n.attach().equals(other.name())) {
        fail(
            where
                + ": client group "
                + n.name()
                + " is attached to "
                + n.attach()
                + ", so its link must go there");
      }
    }
    String linkClass = NodeKind.linkClass(a.kind(), b.kind());
    LinkSpec spec =
        e.overrides().orElse(linkDefaults.getOrDefault(linkClass, LinkSpec.NONE)).withZeros();
    checkSpec(spec, where, linkClass);
    int index = before.size();
    Ipv4Prefix p31;
    try {
      p31 = linkBlock.subnet(index, 31);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          where + ": network.linkBlock " + linkBlock + " has no /31 left for it");
    }
    return new Link(a.name(), b.name(), spec, index, p31.address(0), p31.address(1));
  }

  private static void checkSpec(LinkSpec spec, String where, String linkClass) {
    if (spec.oneWayMs() == null)
      fail(
          where
              + ": oneWayMs is missing and linkDefaults has no "
              + linkClass
              + " entry giving it");
    nonNegative(spec.oneWayMs(), where + ": oneWayMs");
    nonNegative(spec.jitterMs(), where + ": jitterMs");
    if (spec.jitterMs() > spec.oneWayMs())
      fail(where + ": jitterMs " + spec.jitterMs() + " exceeds oneWayMs " + spec.oneWayMs());
    if (spec.lossPct() < 0 || spec.lossPct() > 100)
      fail(where + ": lossPct must be 0 to 100, was " + spec.lossPct());
    if (spec.rateMbit() != null && !(spec.rateMbit() > 0))
      fail(where + ": rateMbit must be above 0, was " + spec.rateMbit());
  }

  private Node endpoint(String name, String where) {
    Node n = name == null ? null : nodes.get(name);
    if (n == null)
      fail(
          where + " '" + name + "' is neither a site nor a client group; known: " + nodes.keySet());
    return n;
  }

  /** Every node must reach every other, or some service would be cut off from the start. */
  private void checkConnected(List<Link> resolved) {
    String first = nodes.keySet().iterator().next();
    Set<String> seen = new HashSet<>(Set.of(first));
    Deque<String> todo = new ArrayDeque<>(List.of(first));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      for (Link l : resolved) {
        if ((l.a().equals(n) || l.b().equals(n)) && seen.add(l.other(n))) todo.push(l.other(n));
      }
    }
    List<String> unreachable = nodes.keySet().stream().filter(n -> !seen.contains(n)).toList();
    if (!unreachable.isEmpty())
      fail("links: " + unreachable + " cannot be reached from " + first + "; add links to them");
  }

  private void placeServices(Map<String, String> serviceSites, Map<String, String> addresses) {
    Map<String, Integer> perSite = new LinkedHashMap<>();
    for (Placement s : services) {
      String where = "service " + s.service();
      Node site = s.site() == null ? null : nodes.get(s.site());
      if (site == null || site.isClientGroup()) {
        fail(
            where
                + ": site '"
                + s.site()
                + "' is not a site of this topology; with sites, every service names one: "
                + siteNames());
      }
      if (s.edgeCache() && site.kind() == NodeKind.CORE) {
        fail(
            where
                + ": a vid-cache runs in an edge site (an edge), a regional site (a mid-tier"
                + " cache) or a cloud site (the cloud tier), not in "
                + site.kind().yamlName()
                + " site "
                + site.name());
      }
      int k = perSite.merge(site.name(), 1, Integer::sum) - 1;
      long host = SiteNetwork.FIRST_SERVICE_HOST + k;
      if (host >= site.subnet().size() - 1)
        fail(
            where
                + ": site "
                + site.name()
                + "'s subnet "
                + site.subnet()
                + " has no address left");
      serviceSites.put(s.service(), site.name());
      addresses.put(s.service(), site.subnet().address(host));
    }
  }

  private void add(Node node) {
    if (nodes.putIfAbsent(node.name(), node) != null)
      fail("name '" + node.name() + "' is used by two sites or client groups");
  }

  private void claim(Ipv4Prefix prefix, String owner) {
    for (Map.Entry<Ipv4Prefix, String> e : claimed.entrySet()) {
      if (e.getKey().overlaps(prefix))
        fail(owner + ": " + prefix + " overlaps " + e.getKey() + " of " + e.getValue());
    }
    claimed.put(prefix, owner);
  }

  private String namespace(String name) {
    return settings.prefix() + "-" + name;
  }

  private List<String> siteNames() {
    return sites.stream().map(Site::name).toList();
  }

  private static void checkName(String name, String what) {
    if (name == null || !NAME.matcher(name).matches())
      fail(what + " name '" + name + "' must match " + NAME.pattern());
  }

  private static Ipv4Prefix block(String field, String text) {
    return prefix(field, text);
  }

  private static Ipv4Prefix prefix(String field, String text) {
    try {
      return Ipv4Prefix.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }

  private static void nonNegative(double v, String field) {
    if (!(v >= 0)) fail(field + " must be 0 or more, was " + v);
  }

  private static void fail(String problem) {
    throw new IllegalArgumentException(problem);
  }
}
