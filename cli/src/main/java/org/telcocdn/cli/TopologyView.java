package org.telcocdn.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.LinkSpec;
import org.telcocdn.cli.network.Node;
import org.telcocdn.cli.network.SiteNetwork;

/**
 * What {@code cdn topology show --json} prints. Scripts rely on at least {@code sites[].name, kind,
 * namespace, parents, services}, {@code links[].a, b, spec.oneWayMs, jitterMs, lossPct, rateMbit}
 * and {@code clients[].name, namespace, attach, subnet}; the other fields are there for people.
 */
record TopologyView(List<SiteView> sites, List<LinkView> links, List<ClientView> clients) {
  /**
   * @param url as seen from inside the network (and from the host, over the management path)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ServiceView(
      String name, String role, String address, String url, Integer grpcPort, Integer raftPort) {}

  record SiteView(
      String name,
      String kind,
      String namespace,
      List<String> parents,
      String subnet,
      String address,
      List<ServiceView> services) {}

  /**
   * @param up false while the link is cut ({@code cdn topology cut})
   */
  record LinkView(
      String a,
      String b,
      LinkSpec spec,
      String device,
      String aAddress,
      String bAddress,
      boolean up) {}

  record ClientView(String name, String namespace, String attach, String subnet, String address) {}

  static TopologyView of(Topology topology, List<Link> cut) {
    SiteNetwork net = topology.siteNetwork();
    List<SiteView> sites =
        net.sites().stream()
            .map(
                site ->
                    new SiteView(
                        site.name(),
                        site.kind().yamlName(),
                        site.namespace(),
                        site.parents(),
                        site.subnet().toString(),
                        site.address(),
                        services(topology, net, site)))
            .toList();
    List<LinkView> links =
        net.links().stream()
            .map(
                l ->
                    new LinkView(
                        l.a(),
                        l.b(),
                        l.spec(),
                        l.device(),
                        l.aAddress(),
                        l.bAddress(),
                        !cut.contains(l)))
            .toList();
    List<ClientView> clients =
        net.clientGroups().stream()
            .map(
                c ->
                    new ClientView(
                        c.name(), c.namespace(), c.attach(), c.subnet().toString(), c.address()))
            .toList();
    return new TopologyView(sites, links, clients);
  }

  private static List<ServiceView> services(Topology topology, SiteNetwork net, Node site) {
    return net.servicesIn(site.name()).stream()
        .map(name -> topology.named(name).orElseThrow())
        .map(
            s ->
                new ServiceView(
                    s.name(),
                    s.role(),
                    topology.host(s),
                    topology.url(s),
                    s.grpcPort(),
                    s.raftPort()))
        .toList();
  }
}
