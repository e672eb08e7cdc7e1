package org.telcocdn.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.telcocdn.common.config.Sizes;
import org.telcocdn.security.OperatorRole;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cdn token create --role R [--ttl D] [--subject S]}: mints an operator bearer token with
 * the signing key {@code cdn up} created ({@code dataDir/secrets/operator-signing.jwk}) and prints
 * it. The services verify it with the public key; it cannot be revoked before it expires except by
 * rotating the signing key (docs/security.md), so keep the TTL short.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Operator bearer tokens.")
final class TokenCommand implements Runnable {
  private final CliContext context;

  private TokenCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new TokenCommand(context)).addSubcommand(new Create(context));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(context.out());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Mint a token and print it.")
  static final class Create implements Callable<Integer> {
    static final Duration MAX_TTL = Duration.ofDays(30);
    private final CliContext context;

    @Mixin TopologyOption topology;

    @Option(names = "--role", required = true, description = "admin, operator or readonly.")
    String role;

    @Option(
        names = "--ttl",
        defaultValue = "12h",
        description =
            "How long it is valid (e.g. 30m, 12h, 7d is 168h); at most 720h. Default: ${DEFAULT-VALUE}.")
    String ttl;

    @Option(
        names = "--subject",
        defaultValue = "operator",
        description = "Who it is for, as the audit log names them. Default: ${DEFAULT-VALUE}.")
    String subject;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      OperatorRole parsed;
      Duration lifetime;
      try {
        parsed = OperatorRole.parse(role);
        lifetime = Sizes.parseDuration("--ttl", ttl);
      } catch (RuntimeException e) {
        throw CliException.usage(e.getMessage());
      }
      if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_TTL) > 0) {
        throw CliException.usage(
            "--ttl must be positive and at most " + MAX_TTL.toHours() + "h, was " + ttl);
      }
      if (!subject.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}"))
        throw CliException.usage("--subject must be a plain name, was '" + subject + "'");
      CliSecrets secrets = new CliSecrets(topology.dataDir(context));
      try {
        context.out().println(secrets.secrets().mint(subject, parsed, lifetime, Instant.now()));
      } catch (IllegalStateException e) {
        throw CliException.runtime(e.getMessage());
      }
      return 0;
    }
  }
}
