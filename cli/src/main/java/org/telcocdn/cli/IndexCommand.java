package org.telcocdn.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.telcocdn.common.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cdn index status | add-member | remove-member}: the cache index's Raft group seen and
 * changed from the command line.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Inspect and change the cache index's Raft group (the cache-index members).")
final class IndexCommand implements Runnable {
  private final CliContext context;

  private IndexCommand(CliContext context) {
    this.context = context;
  }

  /** The command with its subcommands, for {@link Cdn}. */
  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new IndexCommand(context))
        .addSubcommand(new Status(context))
        .addSubcommand(new AddMember(context))
        .addSubcommand(new RemoveMember(context));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(context.out());
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Leader, term, and each member's role, pid, applied and snapshot index.")
  static final class Status implements Callable<Integer> {
    private final CliContext context;

    @Mixin IndexMembers.Endpoints endpoints;

    @Option(
        names = "--json",
        description = "Print JSON: {leader, term, members: [{id, role, pid, appliedIndex, ...}]}.")
    boolean json;

    Status(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      IndexMembers.GroupStatus status = new IndexMembers(endpoints, context).status();
      if (json) {
        printJson(status);
      } else {
        context.out().printf("leader %s, term %d%n", status.leader(), status.term());
        context
            .out()
            .printf(
                "%-8s %-12s %-8s %-22s %12s %12s%n",
                "ID", "ROLE", "PID", "ADDRESS", "APPLIED", "SNAPSHOT");
        for (IndexMembers.Member m : status.members()) {
          context
              .out()
              .printf(
                  "%-8s %-12s %-8s %-22s %12s %12s%n",
                  m.id(),
                  m.role(),
                  orDash(m.pid()),
                  m.address(),
                  orDash(m.appliedIndex()),
                  orDash(m.snapshotIndex()));
        }
        status.unreachable().forEach(u -> context.out().println("unreachable: " + u));
      }
      return 0;
    }

    private void printJson(Object value) {
      try {
        context
            .out()
            .println(
                Json.MAPPER
                    .writer()
                    .with(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String orDash(Object value) {
      return value == null ? "-" : value.toString();
    }
  }

  @Command(
      name = "add-member",
      mixinStandardHelpOptions = true,
      description = "Add a running member (started with index.join=true) to the group.")
  static final class AddMember implements Callable<Integer> {
    private final CliContext context;

    @Mixin IndexMembers.Endpoints endpoints;

    @Parameters(paramLabel = "ID=HOST:PORT", description = "The new member's id and Raft address.")
    String member;

    AddMember(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      int eq = member.indexOf('=');
      if (eq <= 0 || !member.substring(eq + 1).matches("[^:\\s]+:\\d{1,5}")) {
        throw CliException.usage("member must be ID=HOST:PORT, was '" + member + "'");
      }
      new IndexMembers(endpoints, context).add(member.substring(0, eq), member.substring(eq + 1));
      context.out().println("added " + member);
      return 0;
    }
  }

  @Command(
      name = "remove-member",
      mixinStandardHelpOptions = true,
      description = "Remove a member from the group.")
  static final class RemoveMember implements Callable<Integer> {
    private final CliContext context;

    @Mixin IndexMembers.Endpoints endpoints;

    @Parameters(paramLabel = "ID", description = "The member's id.")
    String id;

    RemoveMember(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      new IndexMembers(endpoints, context).remove(id);
      context.out().println("removed " + id);
      return 0;
    }
  }
}
