package org.telcocdn.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.telcocdn.cache.http.DeliveryServices;

/**
 * Reads and validates topology YAML. Unknown fields are errors rather than ignored, because a typo
 * such as {@code prot: 8081} would otherwise start a service on its default port and clash later
 * with a message far from the cause. Every problem is a {@link CliException#USAGE} naming the file.
 */
public final class TopologyFile {
  /**
   * The topology used when {@code --topology} is absent; the same file as topology/default.yaml.
   */
  public static final String DEFAULT_RESOURCE = "/topology/default.yaml";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private TopologyFile() {}

  /** The file named by {@code --topology}, or the bundled default when {@code file} is null. */
  public static Topology load(Path file) {
    if (file == null) return loadDefault();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw CliException.usage("topology file " + file + " does not exist");
    } catch (IOException e) {
      throw CliException.usage("topology file " + file + " cannot be read: " + e.getMessage());
    }
  }

  public static Topology loadDefault() {
    try (InputStream in = TopologyFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null)
        throw CliException.usage(
            "the default topology " + DEFAULT_RESOURCE + " is missing from the classpath");
      return parse(in, "default topology");
    } catch (IOException e) {
      throw CliException.usage("the default topology cannot be read: " + e.getMessage());
    }
  }

  /** The bundled default's YAML text. */
  static String loadDefaultText() {
    try (InputStream in = TopologyFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("the default topology cannot be read: " + e.getMessage());
    }
  }

  /** Parses and validates; {@code source} names the file in error messages. */
  public static Topology parse(InputStream in, String source) {
    Topology topology;
    try {
      byte[] yaml = in.readAllBytes();
      if (new String(yaml, java.nio.charset.StandardCharsets.UTF_8).isBlank())
        throw CliException.usage(source + " is empty");
      topology = YAML.readValue(yaml, Topology.class);
    } catch (UnrecognizedPropertyException e) {
      throw CliException.usage(
          source
              + ": unknown field '"
              + e.getPropertyName()
              + "'"
              + at(e.getLocation())
              + "; known fields: "
              + e.getKnownPropertyIds());
    } catch (JacksonException e) {
      throw CliException.usage(source + ": " + e.getOriginalMessage() + at(e.getLocation()));
    } catch (IOException e) {
      throw CliException.usage(source + " cannot be read: " + e.getMessage());
    }
    if (topology == null) throw CliException.usage(source + " is empty");
    validate(topology, source);
    return topology;
  }

  /** Checks what the YAML shape cannot: names, ports, roles and their counts. */
  public static void validate(Topology topology, String source) {
    Set<String> names = new HashSet<>();
    Map<Integer, String> ports = new HashMap<>();
    Map<Role, Integer> counts = new EnumMap<>(Role.class);
    for (ServiceSpec s : topology.services()) {
      checkService(s, topology.sited(), source);
      if (!names.add(s.name())) fail(source, "service name '" + s.name() + "' is used twice");
      // With sites every service has an address of its own, so ports may repeat between services.
      if (!topology.sited()) {
        claim(ports, s.port(), s.name(), source);
        if (s.grpcPort() != null) claim(ports, s.grpcPort(), s.name() + " (gRPC)", source);
        if (s.raftPort() != null) claim(ports, s.raftPort(), s.name() + " (Raft)", source);
      }
      counts.merge(s.roleValue(), 1, Integer::sum);
    }
    checkNetwork(topology, source);
    checkDeliveryServices(topology, source);
    // A topology of sites without services is a network alone: `cdn up` builds it and starts
    // nothing.
    if (topology.sited() && topology.services().isEmpty()) return;
    for (Role role : Role.values()) {
      int n = counts.getOrDefault(role, 0);
      if (role.min() == 1 && role.max() == 1 && n != 1)
        fail(source, "needs exactly one " + role.module() + " service, has " + n);
      else if (n < role.min()) fail(source, "needs at least one " + role.module() + " service");
      else if (role == Role.CACHE_INDEX && (n == 1 || n == 2)) {
        fail(
            source,
            "needs no cache-index member or at least three (a Raft group that survives losing one), has "
                + n);
      } else if (n > role.max())
        fail(source, "may have at most " + role.max() + " " + role.module() + " service, has " + n);
    }
  }

  /**
   * Each service is checked as it is read (name, origin URL, prefix); here, that names and what
   * they take are unique.
   */
  private static void checkDeliveryServices(Topology topology, String source) {
    try {
      new DeliveryServices(topology.deliveryServices());
    } catch (IllegalArgumentException e) {
      fail(source, "deliveryServices: " + e.getMessage());
    }
  }

  /** Sites, links and client groups: see {@link org.telcocdn.cli.network.SiteNetwork}. */
  private static void checkNetwork(Topology topology, String source) {
    if (!topology.sited()) {
      if (!topology.links().isEmpty()
          || !topology.clients().isEmpty()
          || !topology.linkDefaults().isEmpty()) {
        fail(
            source,
            "links, clients and linkDefaults need sites: add a sites list (see topology/telco.yaml)");
      }
      return;
    }
    try {
      topology.siteNetwork();
    } catch (IllegalArgumentException e) {
      fail(source, e.getMessage());
    }
  }

  private static void checkService(ServiceSpec s, boolean sited, String source) {
    if (s.name() == null || !NAME.matcher(s.name()).matches()) {
      fail(source, "service name '" + s.name() + "' must match " + NAME.pattern());
    }
    if (s.role() == null || Role.ofModule(s.role()).isEmpty()) {
      fail(
          source,
          "service "
              + s.name()
              + " has unknown role '"
              + s.role()
              + "'; known roles: "
              + knownRoles());
    }
    checkPort(s.port(), "port of " + s.name(), source);
    Role role = s.roleValue();
    if (role == Role.RAW) checkPort(s.grpcPort(), "grpcPort of " + s.name(), source);
    else if (s.grpcPort() != null) fail(source, "grpcPort is only for vid-raw, not " + s.name());
    if (role == Role.CACHE_INDEX) checkPort(s.raftPort(), "raftPort of " + s.name(), source);
    else if (s.raftPort() != null)
      fail(source, "raftPort is only for cache-index members, not " + s.name());
    if (sited) {
      if (s.site() == null)
        fail(
            source,
            "service "
                + s.name()
                + " needs a site: with sites, every service names the site it runs in");
    } else {
      if (role == Role.EDGE && (s.site() == null || s.site().isBlank()))
        fail(source, "edge " + s.name() + " needs a site");
      if (role != Role.EDGE && s.site() != null)
        fail(source, "site is only for vid-cache edges, not " + s.name());
    }
  }

  private static void checkPort(Integer port, String what, String source) {
    // Port 0 is refused: the services are wired to each other by port before they start.
    if (port == null) fail(source, what + " is missing");
    if (port < 1 || port > 65535) fail(source, what + " must be between 1 and 65535, was " + port);
  }

  private static void claim(Map<Integer, String> ports, int port, String owner, String source) {
    String previous = ports.putIfAbsent(port, owner);
    if (previous != null)
      fail(source, "port " + port + " is used by both " + previous + " and " + owner);
  }

  private static String knownRoles() {
    return String.join(", ", java.util.Arrays.stream(Role.values()).map(Role::module).toList());
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ")";
  }

  private static void fail(String source, String problem) {
    throw CliException.usage(source + ": " + problem);
  }
}
