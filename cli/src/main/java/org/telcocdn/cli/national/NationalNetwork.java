package org.telcocdn.cli.national;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.telcocdn.cli.network.ClientGroup;
import org.telcocdn.cli.network.Ipv4Prefix;
import org.telcocdn.cli.network.LinkEntry;
import org.telcocdn.cli.network.LinkSpec;
import org.telcocdn.cli.network.NetworkSettings;
import org.telcocdn.cli.network.Node;
import org.telcocdn.cli.network.Placement;
import org.telcocdn.cli.network.Site;
import org.telcocdn.cli.network.SiteNetwork;

/**
 * A generated national network, as a topology file would describe it and resolved by the same
 * {@link SiteNetwork}: one cloud region (the origin), one national core (the broker), a regional
 * site per {@code sitesPerRegion} edge sites, and the edge sites (central offices), each naming its
 * region's site as primary parent and the next region's as secondary (Traffic Control's style),
 * with one to three client groups of viewers (radio access, carrier-grade NAT addresses from
 * 100.64.0.0/10) and one edge cache per {@code viewersPerEdge} of its viewers, one to four. Site
 * sizes are log-normal (σ = 1): a few metropolitan offices with many times the median's viewers,
 * many small ones. An edge's link to its primary parent is 0.5 to 2 ms one way (its distance), to
 * the secondary 1 ms more; the broker's neighbour sites of an edge site are the three of its region
 * nearest through their shared parent.
 */
public final class NationalNetwork {
  /** The viewers behind one client group: its subnet holds their (shared, NATed) addresses. */
  public record Viewers(String group, Ipv4Prefix subnet) {}

  /**
   * An edge site: its viewers, its client groups, its edge caches and its delay to its primary
   * parent.
   */
  public record EdgeSite(
      String name, long viewers, List<Viewers> groups, List<String> caches, double primaryMs) {}

  /** A regional site, its mid-tier cache, and the edge sites whose primary parent it is. */
  public record Region(int index, String site, String cache, List<EdgeSite> sites) {
    public long viewers() {
      return sites.stream().mapToLong(EdgeSite::viewers).sum();
    }
  }

  static final String CLOUD = "cloud-1";
  static final String CORE = "core-1";
  private static final Ipv4Prefix VIEWER_BLOCK = Ipv4Prefix.parse("100.64.0.0/10");
  private static final NetworkSettings ADDRESSES =
      new NetworkSettings("nat", "10.0.0.0/12", "10.201.0.0/16", "10.202.0.0/16");
  private static final Map<String, LinkSpec> LINK_DEFAULTS =
      Map.of(
          "ran-edge", new LinkSpec(2.0, 0.3, 0.0, null),
          "edge-regional", new LinkSpec(1.0, 0.05, 0.0, null),
          "regional-core", new LinkSpec(2.5, 0.05, 0.0, null),
          "core-cloud", new LinkSpec(20.0, 0.1, 0.0, null));

  private final SiteNetwork network;
  private final List<Region> regions;

  private NationalNetwork(SiteNetwork network, List<Region> regions) {
    this.network = network;
    this.regions = regions;
  }

  public SiteNetwork network() {
    return network;
  }

  public List<Region> regions() {
    return regions;
  }

  public long viewers() {
    return regions.stream().mapToLong(Region::viewers).sum();
  }

  public int edgeCaches() {
    return regions.stream()
        .mapToInt(r -> r.sites().stream().mapToInt(e -> e.caches().size()).sum())
        .sum();
  }

  /** The edge site's primary and secondary parents, as the topology model resolved them. */
  public List<String> parents(String edgeSite) {
    return network.node(edgeSite).map(Node::parents).orElseThrow();
  }

  public static NationalNetwork generate(NationalSettings s) {
    SplittableRandom random = new SplittableRandom(s.seed() ^ 0x7E1C_0A7BL);
    long[] viewers = siteSizes(s, random);
    int regionCount = s.regions();
    List<Site> sites =
        new ArrayList<>(
            List.of(new Site(CLOUD, "cloud", null, null), new Site(CORE, "core", null, null)));
    List<LinkEntry> links =
        new ArrayList<>(List.of(new LinkEntry(CORE, CLOUD, null, null, null, null)));
    List<Placement> caches = new ArrayList<>();
    List<List<EdgeSite>> byRegion = new ArrayList<>();
    for (int r = 0; r < regionCount; r++) {
      sites.add(new Site(regional(r), "regional", null, List.of(CLOUD)));
      links.add(new LinkEntry(regional(r), CORE, null, null, null, null));
      caches.add(new Placement(regionalCache(r), regional(r), false));
      byRegion.add(new ArrayList<>());
    }
    List<ClientGroup> clients = new ArrayList<>();
    for (int i = 0; i < s.sites(); i++) {
      EdgeSite site = edgeSite(s, i, viewers[i], clients, random);
      int primary = i % regionCount;
      int secondary = (primary + 1) % regionCount;
      sites.add(
          new Site(site.name(), "edge", null, List.of(regional(primary), regional(secondary))));
      links.add(new LinkEntry(site.name(), regional(primary), site.primaryMs(), null, null, null));
      links.add(
          new LinkEntry(site.name(), regional(secondary), site.primaryMs() + 1, null, null, null));
      site.caches().forEach(c -> caches.add(new Placement(c, site.name(), true)));
      byRegion.get(primary).add(site);
    }
    SiteNetwork network =
        SiteNetwork.resolve(ADDRESSES, sites, LINK_DEFAULTS, links, clients, caches);
    List<Region> regions = new ArrayList<>();
    for (int r = 0; r < regionCount; r++)
      regions.add(new Region(r, regional(r), regionalCache(r), List.copyOf(byRegion.get(r))));
    return new NationalNetwork(network, regions);
  }

  /** Log-normal site sizes scaled to the viewers, each site at least one viewer. */
  private static long[] siteSizes(NationalSettings s, SplittableRandom random) {
    double[] weights = new double[s.sites()];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) sum += weights[i] = Math.exp(random.nextGaussian());
    long[] viewers = new long[weights.length];
    for (int i = 0; i < weights.length; i++)
      viewers[i] = Math.max(1, Math.round(s.viewers() * weights[i] / sum));
    return viewers;
  }

  private static EdgeSite edgeSite(
      NationalSettings s, int i, long viewers, List<ClientGroup> clients, SplittableRandom random) {
    String name = String.format(s.sites() < 10_000 ? "edge-%04d" : "edge-%05d", i + 1);
    int groupCount = viewers > 40_000 ? 3 : viewers > 15_000 ? 2 : 1;
    List<Viewers> groups = new ArrayList<>();
    for (int g = 0; g < groupCount; g++) {
      String group = "ran-" + name.substring("edge-".length()) + "-" + (char) ('a' + g);
      Ipv4Prefix subnet = VIEWER_BLOCK.subnet(clients.size(), 22);
      clients.add(new ClientGroup(group, name, subnet.toString()));
      groups.add(new Viewers(group, subnet));
    }
    int cacheCount =
        (int) Math.clamp((viewers + s.viewersPerEdge() - 1) / s.viewersPerEdge(), 1, 4);
    List<String> caches = new ArrayList<>();
    for (int c = 1; c <= cacheCount; c++) caches.add(name + "-" + c);
    double primaryMs = Math.round((0.5 + 1.5 * random.nextDouble()) * 100) / 100.0;
    return new EdgeSite(name, viewers, groups, caches, primaryMs);
  }

  static String regional(int r) {
    return String.format("regional-%03d", r + 1);
  }

  private static String regionalCache(int r) {
    return String.format("mid-%03d", r + 1);
  }
}
