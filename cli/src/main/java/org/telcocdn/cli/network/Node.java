package org.telcocdn.cli.network;

import java.util.List;

/**
 * A site or a client group once resolved: each is one network namespace, {@code PREFIX-NAME}.
 *
 * @param subnet the site's or group's addresses
 * @param parents a site's cache parents (empty for client groups)
 * @param attach a client group's edge site (null for sites)
 * @param siteIndex the site's position among the sites (its management /30), -1 for client groups
 */
public record Node(
    String name,
    NodeKind kind,
    Ipv4Prefix subnet,
    List<String> parents,
    String attach,
    String namespace,
    int siteIndex) {
  public boolean isClientGroup() {
    return kind == NodeKind.RAN;
  }

  /**
   * The node's own address: a site's router, a client group's default viewer. Every route out of
   * the namespace has it as source, so that answers find their way back across the network.
   */
  public String address() {
    return subnet.address(1);
  }
}
