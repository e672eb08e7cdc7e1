package org.telcocdn.cli;

import java.util.concurrent.Callable;
import org.telcocdn.cli.national.NationalSettings;
import org.telcocdn.cli.national.NetworkSimulation;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdn sim-network}: a day of viewing over a generated national network, on paper
 * (docs/topology.md).
 */
@Command(
    name = "sim-network",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a generated day of viewing over a generated national network (edge sites under regional sites,"
          + " client groups, viewers) with the broker's routing and the cache policies, without sockets; print per tier the hit"
          + " ratio, bytes from the tier above and the origin, index writes per second, broker decisions per second, and the run time."
    })
final class SimNetworkCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--sites",
      defaultValue = "100",
      description = "Edge sites (default: ${DEFAULT-VALUE}).")
  int sites;

  @Option(
      names = "--viewers",
      defaultValue = "1000000",
      description = "Viewers over all sites (default: ${DEFAULT-VALUE}).")
  long viewers;

  @Option(
      names = "--sessions-per-viewer",
      defaultValue = "1",
      description = "Sessions a viewer starts in the day, on average (default: ${DEFAULT-VALUE}).")
  double sessionsPerViewer;

  @Option(
      names = "--titles",
      defaultValue = "10000",
      description = "Catalog titles (default: ${DEFAULT-VALUE}).")
  int titles;

  @Option(
      names = "--new-releases",
      defaultValue = "50",
      description = "Titles released during the day (default: ${DEFAULT-VALUE}).")
  int newReleases;

  @Option(
      names = "--zipf",
      defaultValue = "0.9",
      description = "Popularity skew (default: ${DEFAULT-VALUE}).")
  double zipf;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(
      names = "--edge-cache",
      defaultValue = "100GB",
      description = "Disk of one edge cache (default: ${DEFAULT-VALUE}).")
  String edgeCache;

  @Option(
      names = "--regional-cache",
      defaultValue = "2TB",
      description = "Cache of one regional site (default: ${DEFAULT-VALUE}).")
  String regionalCache;

  @Option(
      names = "--sites-per-region",
      defaultValue = "25",
      description = "Edge sites per regional site (default: ${DEFAULT-VALUE}).")
  int sitesPerRegion;

  @Option(
      names = "--viewers-per-edge",
      defaultValue = "25000",
      description =
          "A site has an edge cache per this many viewers, 1 to 4 (default: ${DEFAULT-VALUE}).")
  long viewersPerEdge;

  @Option(
      names = "--warmup-hours",
      defaultValue = "6",
      description = "Hours that warm the caches, not counted (default: ${DEFAULT-VALUE}).")
  int warmupHours;

  @Option(names = "--threads", description = "Regions replayed at once (default: the cores).")
  Integer threads;

  @Option(
      names = "--edge-policy",
      defaultValue = "vpop",
      description = "lru, s3fifo, wtinylfu or vpop (default: ${DEFAULT-VALUE}).")
  String edgePolicy;

  @Option(
      names = "--regional-policy",
      defaultValue = "vpop",
      description = "Likewise for the regional caches (default: ${DEFAULT-VALUE}).")
  String regionalPolicy;

  SimNetworkCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    NationalSettings settings;
    try {
      settings =
          new NationalSettings(
              sites,
              viewers,
              sessionsPerViewer,
              titles,
              newReleases,
              zipf,
              seed,
              Sizes.parseBytes("--edge-cache", edgeCache),
              Sizes.parseBytes("--regional-cache", regionalCache),
              sitesPerRegion,
              viewersPerEdge,
              warmupHours,
              threads != null ? threads : Runtime.getRuntime().availableProcessors(),
              edgePolicy,
              regionalPolicy);
      org.telcocdn.cache.policy.PolicyName.of(edgePolicy);
      org.telcocdn.cache.policy.PolicyName.of(regionalPolicy);
    } catch (IllegalArgumentException | ConfigException e) {
      throw CliException.usage(e.getMessage());
    }
    NetworkSimulation.run(settings, line -> context.err().println(line)).print(context.out());
    return 0;
  }
}
