package org.telcocdn.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cdn} command, in the habits of docker compose: {@code up}, {@code ps}, {@code down},
 * plus {@code ingest}, {@code demo}, {@code index}, {@code token}, {@code keys} and {@code edge}
 * (one edge in front of an HTTP origin). Exit codes: 0 ok, 1 runtime failure, 2 usage or
 * configuration error; every failure is one line on stderr.
 */
@Command(
    name = "cdn",
    mixinStandardHelpOptions = true,
    version = "cdn 0.1.0",
    description = "Runs the telco-edge CDN on this machine, one process per service.")
public final class Cdn implements Runnable {
  private final CliContext context;

  Cdn(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(run(CliContext.system(), args));
  }

  /** Runs one command line and returns its exit code, without exiting: the entry point of tests. */
  public static int run(CliContext context, String... args) {
    return commandLine(context).execute(args);
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine cli =
        new CommandLine(new Cdn(context))
            .addSubcommand(new UpCommand(context))
            .addSubcommand(new PsCommand(context))
            .addSubcommand(new DownCommand(context))
            .addSubcommand(new IngestCommand(context))
            .addSubcommand(LiveCommand.commandLine(context))
            .addSubcommand(new DemoCommand(context))
            .addSubcommand(new EdgeCommand(context))
            .addSubcommand(IndexCommand.commandLine(context))
            .addSubcommand(TriggerCommand.commandLine(context))
            .addSubcommand(TopologyCommand.commandLine(context))
            .addSubcommand(TokenCommand.commandLine(context))
            .addSubcommand(new SecretsCommand(context))
            .addSubcommand(KeysCommand.commandLine(context))
            .addSubcommand(new SimCacheCommand(context))
            .addSubcommand(new GenTraceCommand(context))
            .addSubcommand(new SimSiteCommand())
            .addSubcommand(new SimNetworkCommand(context))
            .addSubcommand(PredictCommand.commandLine(context))
            .addSubcommand(new BatchCommand(context));
    cli.setOut(new PrintWriter(context.out(), true));
    cli.setErr(new PrintWriter(context.err(), true));
    cli.setParameterExceptionHandler(
        (e, args) -> {
          context
              .err()
              .println(
                  "cdn: "
                      + e.getMessage()
                      + " (see `"
                      + e.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help`)");
          return CliException.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof CliException failure) {
            context.err().println("cdn: " + failure.getMessage());
            return failure.exitCode();
          }
          context.err().println("cdn: unexpected failure: " + e);
          return CliException.RUNTIME;
        });
    return cli;
  }

  @Override
  public void run() {
    commandLine(context).usage(context.out());
  }
}
