package org.telcocdn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cdn demo}: {@code up} in the foreground, the sample catalogue, and the player page's URL.
 * A sample that fails is reported and the demo keeps running, because the services and the videos
 * that did make it are still worth looking at.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start everything, ingest the sample videos once, and print the player URL; Ctrl-C stops.")
final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin TopologyOption topology;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Topology t = topology.load(context);
    var dataDir = t.dataPath(context.workDir());
    Cluster cluster =
        new Cluster(t, dataDir, context.supervisor(), context.out()).from(topology.file(context));
    Foreground foreground = new Foreground(cluster, context.out());
    RunState state = foreground.up();
    StatusTable.print(context.out(), StatusTable.check(state, context.probe()));
    context.out().println("Sample videos:");
    new DemoSamples(context.samples(), new IngestClient(), context.out())
        .ensure(t.url(t.only(Role.METADATA)), t.url(t.only(Role.RAW)), dataDir.resolve("samples"));
    banner(t.url(t.only(Role.CLIENT)));
    foreground.await();
    return 0;
  }

  private void banner(String playerUrl) {
    String line = "=".repeat(64);
    context.out().println();
    context.out().println(line);
    context.out().println("  Player:  " + playerUrl);
    context.out().println("  Press Ctrl-C to stop every service.");
    context.out().println(line);
  }
}
