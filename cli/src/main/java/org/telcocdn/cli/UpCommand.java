package org.telcocdn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cdn up [-d]}: starts every service of the topology, each as its own process. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start every service of the topology; stay attached (Ctrl-C stops them) unless -d.")
final class UpCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin TopologyOption topology;

  @Option(names = {"-d", "--detach"}, description = "Return once all services are healthy, leaving them running.")
  boolean detach;

  UpCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Topology t = topology.load(context);
    Cluster cluster = new Cluster(t, t.dataPath(context.workDir()), context.supervisor(), context.out());
    if (detach) {
      RunState state = cluster.up();
      StatusTable.print(context.out(), StatusTable.check(state, context.probe()));
      context.out().println("All services are up; player at " + t.only(Role.CLIENT).url()
          + ". `cdn ps` lists them, `cdn down` stops them.");
      return 0;
    }
    Foreground foreground = new Foreground(cluster, context.out());
    RunState state = foreground.up();
    StatusTable.print(context.out(), StatusTable.check(state, context.probe()));
    context.out().println("All services are up; player at " + t.only(Role.CLIENT).url() + ". Press Ctrl-C to stop them.");
    foreground.await();
    return 0;
  }
}
