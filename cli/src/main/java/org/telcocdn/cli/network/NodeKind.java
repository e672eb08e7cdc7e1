package org.telcocdn.cli.network;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a place of the simulated network is, from the viewer up: a client group of the radio access
 * network, then the four kinds of site. The order is the hierarchy: it names a link's class in
 * {@code linkDefaults} (the lower kind first: {@code ran-edge}, {@code edge-regional}, {@code
 * regional-core}, {@code core-cloud}) and says which parents a site may have.
 */
public enum NodeKind {
  /** A client group: radio access (a cell or a cluster of cells) with a subnet of viewers. */
  RAN,
  /** A central office or MEC site: edge caches. */
  EDGE,
  /** A regional data centre: the mid-tier cache. */
  REGIONAL,
  /** The national core data centre: broker, cache-index members. */
  CORE,
  /** A cloud region: origin, analytics, batch, the cloud tier. */
  CLOUD;

  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A site's kind as written in the file; RAN is only for client groups. */
  public static Optional<NodeKind> ofSite(String name) {
    return Arrays.stream(values()).filter(k -> k != RAN && k.yamlName().equals(name)).findFirst();
  }

  /** The name of the class of a link between two kinds, lower kind first: {@code edge-regional}. */
  public static String linkClass(NodeKind a, NodeKind b) {
    return a.compareTo(b) <= 0
        ? a.yamlName() + "-" + b.yamlName()
        : b.yamlName() + "-" + a.yamlName();
  }

  /**
   * The kinds a site of this kind may name as parents (cache tiers, in the style of Traffic
   * Control).
   */
  public boolean mayHaveParent(NodeKind parent) {
    return switch (this) {
      case EDGE -> parent == REGIONAL || parent == CLOUD;
      case REGIONAL -> parent == CLOUD;
      default -> false;
    };
  }
}
