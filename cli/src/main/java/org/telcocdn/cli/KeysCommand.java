package org.telcocdn.cli;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.telcocdn.urisigning.UriContainer;
import org.telcocdn.urisigning.ViewerKeyFiles;
import org.telcocdn.urisigning.ViewerTokenSigner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cdn keys list | rotate | retire KID | sign --path-prefix P}: the keys that sign viewer
 * URLs (docs/security.md, "Signed viewer URLs"), and a token for a signed delivery service's URLs.
 * They change the files under {@code dataDir/secrets/}; the running broker and edges reload them
 * within {@code security.url-signing.reload-interval}, no restart.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "List, rotate and retire the keys that sign viewer URLs (dataDir/secrets/viewer-*.json).")
final class KeysCommand implements Runnable {
  private final CliContext context;

  private KeysCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new KeysCommand(context))
        .addSubcommand(new ListKeys(context))
        .addSubcommand(new Rotate(context))
        .addSubcommand(new Retire(context))
        .addSubcommand(new Sign(context));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(context.out());
  }

  /** The key files of the topology's data directory; they must exist (`cdn up` makes them). */
  static ViewerKeyFiles files(CliContext context, TopologyOption topology) {
    ViewerKeyFiles files = ViewerKeys.files(topology.dataDir(context));
    if (!Files.exists(files.signingFile())) {
      throw CliException.runtime(
          "no viewer-signing keys at "
              + files.signingFile()
              + "; `cdn up` makes them on its first run");
    }
    return files;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Every key, newest first, and which one signs now.")
  static final class ListKeys implements Callable<Integer> {
    private final CliContext context;
    @Mixin TopologyOption topology;

    ListKeys(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      context.out().printf("%-24s %-22s %-22s %s%n", "KID", "ISSUED", "SIGNS FROM", "SIGNING");
      for (ViewerKeyFiles.KeyInfo k : files(context, topology).list()) {
        context
            .out()
            .printf(
                "%-24s %-22s %-22s %s%n",
                k.kid(), k.issued(), k.activeFrom(), k.signing() ? "yes" : "");
      }
      return 0;
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description =
          "Add a new key that becomes the signing key after --activate-in; the old keys stay valid until retired.")
  static final class Rotate implements Callable<Integer> {
    private final CliContext context;
    @Mixin TopologyOption topology;

    @Option(
        names = "--activate-in",
        paramLabel = "DURATION",
        defaultValue = "PT15S",
        description =
            "How long the edges get to load the new public key before the broker signs with it (ISO-8601, default PT15S;"
                + " on several hosts: how long it takes to copy viewer-keys.json to every edge).")
    Duration activateIn;

    Rotate(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (activateIn.isNegative())
        throw CliException.usage("--activate-in must not be negative, was " + activateIn);
      ViewerKeyFiles.KeyInfo key = files(context, topology).rotate(activateIn);
      context
          .out()
          .println(
              "Added key " + key.kid() + "; it signs viewer URLs from " + key.activeFrom() + ".");
      context
          .out()
          .println(
              "Retire the previous key with `cdn keys retire KID` once no viewer holds its tokens"
                  + " (after security.url-signing.redirect-ttl, 4 h by default).");
      return 0;
    }
  }

  @Command(
      name = "retire",
      mixinStandardHelpOptions = true,
      description =
          "Remove a key: edges refuse its tokens once they reload. The key signing now cannot be retired.")
  static final class Retire implements Callable<Integer> {
    private final CliContext context;
    @Mixin TopologyOption topology;

    @Parameters(paramLabel = "KID", description = "The key id, as `cdn keys list` shows it.")
    String kid;

    Retire(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      try {
        files(context, topology).retire(kid);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
      context
          .out()
          .println("Retired key " + kid + "; edges refuse its tokens from their next reload.");
      return 0;
    }
  }

  /**
   * A token for every URL under a path prefix, for a signed delivery service
   * (docs/http-origins.md): the broker signs titles only, so whoever hands out a content provider's
   * URLs (its portal) signs with the same keys. Append it as {@code ?URISigningPackage=TOKEN} or
   * put it in a path segment.
   */
  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description =
          "Print a signed-URL token (RFC 9246) covering every URL under a path prefix, for a signed delivery service.")
  static final class Sign implements Callable<Integer> {
    private final CliContext context;
    @Mixin TopologyOption topology;

    @Option(
        names = "--path-prefix",
        required = true,
        paramLabel = "PREFIX",
        description = "The URLs the token covers, e.g. /shop/ (any host).")
    String pathPrefix;

    @Option(
        names = "--ttl",
        paramLabel = "DURATION",
        defaultValue = "PT1H",
        description = "How long the token is valid (ISO-8601, default PT1H).")
    Duration ttl;

    Sign(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (ttl.isNegative() || ttl.isZero())
        throw CliException.usage("--ttl must be positive, was " + ttl);
      String claim;
      try {
        claim = UriContainer.forPathPrefix(pathPrefix);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--path-prefix: " + e.getMessage());
      }
      ViewerTokenSigner signer = files(context, topology).signer();
      context.out().println(signer.signCovering(claim, Clock.systemUTC().instant(), ttl));
      return 0;
    }
  }
}
