package org.telcocdn.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.TlsMaterial;

/**
 * The secrets of one topology's data directory as the cli uses them: {@code cdn up} makes sure they
 * exist ({@link #ensure}); every other command calls the services' control listeners with the CA's
 * trust and the admin token of {@code operator.token}, renewed when it is about to expire, so the
 * user never handles either.
 */
final class CliSecrets {
  /**
   * Every service certificate names these; with sites, also the service's own address (see {@link
   * #ensure}).
   */
  private static final List<String> HOSTS = List.of("127.0.0.1", "localhost");

  private final Secrets secrets;

  CliSecrets(Path dataDir) {
    this.secrets = Wiring.secrets(dataDir);
  }

  Secrets secrets() {
    return secrets;
  }

  /**
   * Creates the CA, the operator key and admin token if missing, and a certificate per service of
   * {@code topology}.
   */
  List<String> ensure(Topology topology) {
    return secrets.ensure(
        topology.services().stream().map(s -> holder(s, hosts(topology, s))).toList(),
        Instant.now());
  }

  /**
   * 127.0.0.1 and localhost, and in a topology with sites the address the service binds in its
   * namespace.
   */
  private static List<String> hosts(Topology topology, ServiceSpec s) {
    if (!topology.sited()) return HOSTS;
    return Stream.concat(HOSTS.stream(), Stream.of(topology.host(s))).distinct().toList();
  }

  /**
   * The names of the demo viewer certificate ({@code --viewer-https}): 127.0.0.1, localhost and,
   * with sites, the address of every service with a viewer listener.
   */
  static List<String> viewerHosts(Topology topology) {
    return Stream.concat(
            HOSTS.stream(),
            topology.services().stream()
                .filter(s -> topology.sited() && s.roleValue().viewerListener())
                .map(topology::host))
        .distinct()
        .toList();
  }

  static Secrets.Holder holder(ServiceSpec s, List<String> hosts) {
    String site = s.site() == null ? ServiceIdentity.NO_SITE : s.site();
    return new Secrets.Holder(new ServiceIdentity(s.role(), site, s.name()), hosts);
  }

  /** Trusts the internal CA; presents no certificate (the cli is an operator, with a token). */
  SSLContext trust() {
    if (!secrets.exists()) throw noSecrets();
    return TlsMaterial.trustOnly(secrets.caCert());
  }

  /** The admin token, renewed when close to expiry. */
  String token() {
    return secrets.adminToken(Instant.now()).orElseThrow(this::noSecrets);
  }

  /** A JSON client for control listeners: the CA's trust and the admin token. */
  JsonHttpClient client(Duration timeout) {
    return new JsonHttpClient(timeout, trust(), this::token);
  }

  private CliException noSecrets() {
    return CliException.runtime(
        "no operator credentials in " + secrets.dir() + "; run `cdn up` first (it creates them)");
  }
}
