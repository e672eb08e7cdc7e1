package org.telcocdn.broker;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.json.Json;

/**
 * Which site serves which client subnet, like a Traffic Router coverage-zone file: the longest
 * matching prefix wins, so a /24 carved out of a /16 can go to another site.
 */
public final class CoverageZones {
  private record Zone(byte[] network, int prefix, String site) {}

  private final List<Zone> zones;

  private CoverageZones(List<Zone> zones) {
    this.zones = zones.stream().sorted(Comparator.comparingInt(Zone::prefix).reversed()).toList();
  }

  /** From {@code cidr=site,cidr=site}; empty text gives no zones. */
  public static CoverageZones parse(String text) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) continue;
      String[] kv = pair.split("=", 2);
      if (kv.length != 2)
        throw new ConfigException(
            "broker.coverage-zones entry must be cidr=site, was '" + pair + "'");
      entries.put(kv[0].trim(), kv[1].trim());
    }
    return of(entries);
  }

  /** From a JSON object {@code {"cidr": "site"}}; an empty path gives no zones. */
  public static CoverageZones file(String path) {
    if (path.isBlank()) return of(Map.of());
    try {
      return of(
          Json.MAPPER.readValue(
              Files.readString(Path.of(path)), new TypeReference<Map<String, String>>() {}));
    } catch (IOException e) {
      throw new ConfigException(
          "broker.coverage-zones-file " + path + " is not readable JSON: " + e.getMessage());
    }
  }

  public static CoverageZones of(Map<String, String> cidrToSite) {
    List<Zone> zones = new ArrayList<>();
    cidrToSite.forEach(
        (cidr, site) -> zones.add(zone(cidr, EdgeRegistration.checkName("site", site))));
    return new CoverageZones(zones);
  }

  public CoverageZones with(CoverageZones more) {
    List<Zone> all = new ArrayList<>(zones);
    all.addAll(more.zones);
    return new CoverageZones(all);
  }

  /** The site of {@code address} (a literal IP), if a zone covers it. */
  public Optional<String> siteOf(String address) {
    if (zones.isEmpty() || address == null) return Optional.empty();
    byte[] ip;
    try {
      ip = InetAddress.ofLiteral(address).getAddress();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    for (Zone zone : zones) if (matches(zone, ip)) return Optional.of(zone.site());
    return Optional.empty();
  }

  private static boolean matches(Zone zone, byte[] ip) {
    if (ip.length != zone.network().length) return false;
    int bits = zone.prefix();
    for (int i = 0; i < ip.length && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
      if ((ip[i] & mask) != (zone.network()[i] & mask)) return false;
    }
    return true;
  }

  private static Zone zone(String cidr, String site) {
    String[] parts = cidr.split("/", 2);
    try {
      byte[] network = InetAddress.ofLiteral(parts[0]).getAddress();
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
      if (prefix < 0 || prefix > network.length * 8)
        throw new NumberFormatException("prefix out of range");
      return new Zone(network, prefix, site);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "coverage zone '" + cidr + "' is not a CIDR such as 10.1.0.0/16: " + e.getMessage());
    }
  }
}
