package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.telcocdn.cache.sim.GeneralWorkload;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.cache.sim.TraceFormat;
import org.telcocdn.cache.sim.VideoWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cdn gen-trace}: writes a seeded synthetic trace for {@code cdn sim-cache}. */
@Command(name = "gen-trace", mixinStandardHelpOptions = true,
    description = "Generate a reproducible video (or general CDN) request trace.")
final class GenTraceCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--out", required = true, description = "Where to write the trace.")
  Path out;

  @Option(names = "--format", defaultValue = "csv", description = "csv, oracle or lrb.")
  String format;

  @Option(names = "--kind", defaultValue = "video", description = "video (sessions over a catalog) or general (Zipf objects, sizes 1 kB to 4 MB, one-hit wonders).")
  String kind;

  @Option(names = "--seed", defaultValue = "1") long seed;
  @Option(names = "--titles", defaultValue = "2000", description = "Video: catalog titles; general: objects.") int titles;
  @Option(names = "--requests", defaultValue = "2000000") int requests;
  @Option(names = "--zipf", defaultValue = "0.9") double zipf;
  @Option(names = "--regions", defaultValue = "3") int regions;
  @Option(names = "--new-releases", defaultValue = "20") int newReleases;
  @Option(names = "--days", defaultValue = "1") int days;
  @Option(names = "--one-hit-share", defaultValue = "0.2", description = "General only: share of requests for objects seen once.") double oneHitShare;

  GenTraceCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    if (titles < 1 || requests < 1 || zipf <= 0 || regions < 1 || days < 1) throw CliException.usage("titles, requests, regions, days and zipf must be positive");
    TraceFormat traceFormat = SimCacheCommand.parseFormat(format);
    Trace trace = switch (kind) {
      case "video" -> new VideoWorkload(new VideoWorkload.Settings(seed, titles, requests, zipf, regions, newReleases, days)).generate();
      case "general" -> new GeneralWorkload(new GeneralWorkload.Settings(seed, titles, requests, zipf, oneHitShare)).generate();
      default -> throw CliException.usage("unknown --kind '" + kind + "', expected video or general");
    };
    Path target = context.workDir().resolve(out);
    traceFormat.write(trace, target);
    context.out().printf(Locale.ROOT, "wrote %s: %d requests, %d objects, working set %d bytes%n", target, trace.length(),
        trace.distinctObjects(), trace.workingSetBytes());
    return 0;
  }
}
