package org.telcocdn.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.telcocdn.cache.sim.MissRatioPlot;
import org.telcocdn.cache.sim.Result;
import org.telcocdn.cache.sim.ResultCsv;
import org.telcocdn.cache.sim.ResultTable;
import org.telcocdn.cache.sim.Simulator;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.cache.sim.TraceFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdn sim-cache}: replays a trace through the edge's cache policies
 * (docs/cache-policies.md).
 */
@Command(
    name = "sim-cache",
    mixinStandardHelpOptions = true,
    description =
        "Replay a request trace through cache policies and print object and byte miss ratios.")
final class SimCacheCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--trace", required = true, description = "The trace file.")
  Path trace;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "oracle (libCacheSim oracleGeneral), csv (time,id,size) or lrb (time id size).")
  String format;

  @Option(
      names = "--policies",
      split = ",",
      defaultValue = "lru,s3fifo,wtinylfu,vpop,belady,belady-size",
      description = "Policies to compare; belady and belady-size are the offline bounds.")
  List<String> policies;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "0.01,0.05,0.1",
      description = "Cache sizes as fractions of the working set in bytes.")
  List<Double> sizes;

  @Option(
      names = "--warmup",
      defaultValue = "0.2",
      description = "Share of the first requests that warm the cache and are not counted.")
  double warmup;

  @Option(names = "--csv", description = "Also write the results as CSV here.")
  Path csv;

  @Option(names = "--svg", description = "Also write a plot of byte miss ratio against size here.")
  Path svg;

  SimCacheCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Path file = context.workDir().resolve(trace);
    if (!Files.isReadable(file)) throw CliException.usage("cannot read the trace " + file);
    TraceFormat traceFormat = parseFormat(format);
    long start = System.nanoTime();
    Trace requests = traceFormat.read(file);
    if (requests.length() == 0)
      throw CliException.usage("the trace " + file + " holds no requests");
    Simulator simulator = new Simulator(requests, warmup);
    context
        .out()
        .printf(
            Locale.ROOT,
            "trace %s: %d requests, %d objects, working set %d bytes; warm-up: first %d requests (%.0f %%) not counted%n",
            file.getFileName(),
            requests.length(),
            requests.distinctObjects(),
            requests.workingSetBytes(),
            simulator.measuredFrom(),
            warmup * 100);
    List<Result> results = run(simulator);
    ResultTable.print(results, context.out());
    context.out().printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - start) / 1e9);
    if (csv != null) write(csv, out -> ResultCsv.write(results, out));
    if (svg != null)
      write(
          svg, out -> MissRatioPlot.write(results, "byte miss ratio: " + file.getFileName(), out));
    return 0;
  }

  private List<Result> run(Simulator simulator) {
    try {
      return simulator.run(new ArrayList<>(policies), sizes);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  static TraceFormat parseFormat(String name) {
    try {
      return TraceFormat.of(name);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("unknown trace format '" + name + "', expected oracle, csv or lrb");
    }
  }

  private interface Body {
    void write(Writer out) throws IOException;
  }

  private void write(Path path, Body body) throws IOException {
    Path target = context.workDir().resolve(path);
    try (Writer out = Files.newBufferedWriter(target)) {
      body.write(out);
    }
    context.out().println("wrote " + target);
  }
}
