package org.telcocdn.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.ServiceIdentity;

/**
 * The secrets of a test's data directory, made as {@code cdn up} makes them, so that a fake service
 * and the cli under test share a CA and operator keys: the fake serves its control listener with
 * the certificate of {@code role/name}, the cli sends the admin token of {@code operator.token}.
 */
final class CliTestSecrets {
  private CliTestSecrets() {}

  /** Ensures the secrets of {@code dataDir} hold a certificate for each {@code role/name}. */
  static Secrets ensure(Path dataDir, String... roleSlashNames) {
    Secrets secrets = Wiring.secrets(dataDir);
    List<Secrets.Holder> holders =
        Arrays.stream(roleSlashNames)
            .map(
                rn -> {
                  String[] parts = rn.split("/");
                  return new Secrets.Holder(
                      ServiceIdentity.of(parts[0], parts[1]), List.of("127.0.0.1", "localhost"));
                })
            .toList();
    secrets.ensure(holders, Instant.now());
    return secrets;
  }

  /** The security of the service {@code name} whose certificate {@link #ensure} made. */
  static ServiceSecurity security(Secrets secrets, String name) {
    return ServiceSecurity.load(
        new SecurityConfig(
            secrets.serviceCert(name).toString(),
            secrets.serviceKey(name).toString(),
            secrets.caCert().toString(),
            secrets.operatorKeys().toString(),
            secrets.dir().resolveSibling("logs").resolve("audit")),
        name);
  }
}
