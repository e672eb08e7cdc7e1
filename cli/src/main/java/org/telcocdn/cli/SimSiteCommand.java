package org.telcocdn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.telcocdn.cache.sim.SiteSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code cdn sim-site}: the cross-edge allocation against independent caches on one generated site
 * (docs/controller.md). The options belong to {@link SiteSimulation}, which scripts also run
 * without the launcher, so they are passed through as they are instead of being declared twice.
 */
@Command(
    name = "sim-site",
    description = {
      "Replay a generated video trace through a site of edges: independent caches, the controller's allocation, "
          + "and rendezvous partitioning; prints site byte hit ratio, local hits and duplicated bytes.",
      "Options (all optional): --seed 1 --requests 1000000 --titles 2000 --zipf 0.9 --regions 3 --new-releases 20 --days 1 "
          + "--edges 4 --sizes 0.01,0.05,0.1 --policies lru,s3fifo,wtinylfu,vpop --policy vpop --window 3600 --warmup 0.2 "
          + "--head-share 0.3 --prefix-segments 450 --keep 0.5 --drop-elsewhere true --csv OUT"
    })
final class SimSiteCommand implements Callable<Integer> {
  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    try {
      SiteSimulation.run(args.toArray(String[]::new), System.out);
      return 0;
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
