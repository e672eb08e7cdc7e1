package org.telcocdn.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ViewerCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdn secrets issue --dir DIR --service ROLE/SITE/NAME... [--host H]...}: what {@code cdn
 * up} does to {@code dataDir/secrets}, for services started another way (by hand, by a benchmark,
 * on hosts of their own): the CA, the operator keys and admin token if missing, and a certificate
 * per service (site {@code -} for none), naming 127.0.0.1, localhost and every {@code --host}.
 * Prints the {@code security.*} settings of each service as {@code -D} options. With {@code
 * --viewer-tls}, also a certificate for HTTPS on viewer listeners ({@link ViewerCertificate}) and
 * its {@code security.viewer-tls.*} settings.
 */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description =
        "Create the internal CA and service certificates in a directory (what `cdn up` does in dataDir/secrets).")
final class SecretsCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--dir", required = true, description = "The secrets directory (created 0700).")
  Path dir;

  @Option(
      names = "--service",
      required = true,
      paramLabel = "ROLE/SITE/NAME",
      description = "A service to issue a certificate for; repeat.")
  List<String> services;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Another IP or DNS name the services bind; repeat.")
  List<String> hosts = new ArrayList<>();

  @Option(
      names = "--viewer-tls",
      description =
          "Also a viewer certificate (HTTPS on viewer listeners) for 127.0.0.1, localhost and every"
              + " --host, from a viewer CA of its own in DIR/viewer-tls; import its ca.pem in a"
              + " browser to trust it.")
  boolean viewerTls;

  SecretsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Secrets secrets = Secrets.at(context.workDir().resolve(dir).toAbsolutePath().normalize());
    List<String> names = new ArrayList<>(List.of("127.0.0.1", "localhost"));
    names.addAll(hosts);
    List<Secrets.Holder> holders = new ArrayList<>();
    for (String service : services) holders.add(new Secrets.Holder(identity(service), names));
    secrets.ensure(holders, Instant.now()).forEach(line -> context.err().println(line));
    for (Secrets.Holder h : holders) {
      String name = h.identity().name();
      context
          .out()
          .printf(
              "%s: -Dsecurity.tls.cert=%s -Dsecurity.tls.key=%s -Dsecurity.tls.ca=%s -Dsecurity.operator-keys=%s%n",
              name,
              secrets.serviceCert(name),
              secrets.serviceKey(name),
              secrets.caCert(),
              secrets.operatorKeys());
    }
    if (viewerTls) viewerCertificate(secrets, names);
    return 0;
  }

  private void viewerCertificate(Secrets secrets, List<String> names) {
    ViewerCertificate viewer = ViewerCertificate.in(secrets.dir());
    viewer.ensure(names, Instant.now()).forEach(line -> context.err().println(line));
    context
        .out()
        .printf(
            "viewer listeners: -Dsecurity.viewer-tls.cert=%s -Dsecurity.viewer-tls.key=%s"
                + " (clients trust %s)%n",
            viewer.cert(), viewer.key(), viewer.caCert());
  }

  private static ServiceIdentity identity(String spec) {
    String[] parts = spec.split("/");
    try {
      if (parts.length != 3) throw new IllegalArgumentException("expected ROLE/SITE/NAME");
      return new ServiceIdentity(parts[0], parts[1], parts[2]);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "--service "
              + spec
              + ": "
              + e.getMessage()
              + " (e.g. vid-cache/site-a/edge-1, vid-raw/-/vid-raw)");
    }
  }
}
