package org.telcocdn.cli.network;

import java.util.List;

/**
 * A site of the topology file: a place with its own network namespace, where services run ({@code
 * site:} of a service names it).
 *
 * @param kind {@code cloud}, {@code core}, {@code regional} or {@code edge} (see {@link NodeKind})
 * @param subnet the site's addresses (its router and one per service); null = the next /24 of
 *     {@code network.siteBlock}
 * @param parents the cache tiers above, in the style of Traffic Control's topologies: an edge site
 *     names its primary then its secondary parent (regional sites, or a cloud site), a regional
 *     site its parent (a cloud site: the origin or the cloud tier); core and cloud sites have none
 */
public record Site(String name, String kind, String subnet, List<String> parents) {
  public Site {
    parents = parents == null ? List.of() : List.copyOf(parents);
  }

  /** Valid only after validation, which rejects unknown kinds. */
  public NodeKind kindValue() {
    return NodeKind.ofSite(kind).orElseThrow();
  }
}
