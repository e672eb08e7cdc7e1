package org.telcocdn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cdn up [-d]}: starts every service of the topology, each as its own process. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Start every service of the topology; stay attached (Ctrl-C stops them) unless -d.")
final class UpCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin TopologyOption topology;

  @Mixin ViewerHttpsOption viewerHttps;

  @Option(
      names = {"-d", "--detach"},
      description = "Return once all services are healthy, leaving them running.")
  boolean detach;

  UpCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Topology t = viewerHttps.apply(topology.load(context));
    Cluster cluster =
        new Cluster(t, t.dataPath(context.workDir()), context.supervisor(), context.out())
            .from(topology.file(context));
    if (detach) {
      RunState state = cluster.up();
      StatusTable.print(context.out(), StatusTable.check(state, context.probe()));
      context
          .out()
          .println(
              summary(t, t.dataPath(context.workDir()))
                  + " `cdn down` stops "
                  + (t.services().isEmpty() ? "it." : "them."));
      return 0;
    }
    Foreground foreground = new Foreground(cluster, context.out());
    RunState state = foreground.up();
    StatusTable.print(context.out(), StatusTable.check(state, context.probe()));
    context
        .out()
        .println(
            summary(t, t.dataPath(context.workDir()))
                + " Press Ctrl-C to stop "
                + (t.services().isEmpty() ? "it." : "them."));
    foreground.await();
    return 0;
  }

  private static String summary(Topology t, java.nio.file.Path dataDir) {
    if (t.services().isEmpty()) {
      return "The simulated network is up ("
          + t.sites().size()
          + " sites, "
          + t.clients().size()
          + " client groups,"
          + " no services); `cdn topology show` lists it.";
    }
    String trust =
        t.viewerHttps() ? " (HTTPS: trust " + Wiring.viewerCertificate(dataDir).caCert() + ")" : "";
    return "All services are up; player at "
        + t.url(t.only(Role.CLIENT))
        + trust
        + "; `cdn ps` lists them.";
  }
}
