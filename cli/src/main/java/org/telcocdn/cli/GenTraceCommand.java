package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.telcocdn.cache.sim.FlashCrowdLabels;
import org.telcocdn.cache.sim.FlashCrowdWorkload;
import org.telcocdn.cache.sim.GeneralWorkload;
import org.telcocdn.cache.sim.MixedWorkload;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.cache.sim.TraceFormat;
import org.telcocdn.cache.sim.VideoWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cdn gen-trace}: writes a seeded synthetic trace for {@code cdn sim-cache}. */
@Command(
    name = "gen-trace",
    mixinStandardHelpOptions = true,
    description = "Generate a reproducible video (or general CDN) request trace.")
final class GenTraceCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--out", required = true, description = "Where to write the trace.")
  Path out;

  @Option(names = "--format", defaultValue = "csv", description = "csv, oracle or lrb.")
  String format;

  @Option(
      names = "--kind",
      defaultValue = "video",
      description =
          "video (sessions over a catalog), general (Zipf objects, log-uniform sizes, one-hit wonders),"
              + " mixed (both in one trace, each with its own popularity) or flash-crowd (video at several sites with flash crowds of known onsets;"
              + " the labels are written beside the trace as NAME.labels.csv).")
  String kind;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(
      names = "--titles",
      defaultValue = "2000",
      description = "Video: catalog titles; general: objects.")
  int titles;

  @Option(names = "--requests", defaultValue = "2000000")
  int requests;

  @Option(names = "--zipf", defaultValue = "0.9")
  double zipf;

  @Option(names = "--regions", defaultValue = "3")
  int regions;

  @Option(names = "--new-releases", defaultValue = "20")
  int newReleases;

  @Option(names = "--days", defaultValue = "1")
  int days;

  @Option(
      names = "--one-hit-share",
      defaultValue = "0.2",
      description = "General objects: share of their requests for objects seen once.")
  double oneHitShare;

  @Option(
      names = "--objects",
      defaultValue = "100000",
      description = "Mixed only: general objects (in a general trace, --titles is their number).")
  int objects;

  @Option(
      names = "--object-zipf",
      defaultValue = "0.8",
      description = "Mixed only: Zipf skew of the general objects (--zipf is the titles').")
  double objectZipf;

  @Option(
      names = "--general-share",
      defaultValue = "0.5",
      description = "Mixed only: share of requests for general objects.")
  double generalShare;

  @Option(
      names = "--min-size",
      defaultValue = "1024",
      description = "General objects: smallest size in bytes (sizes are log-uniform).")
  long minSize;

  @Option(
      names = "--max-size",
      defaultValue = "4194304",
      description = "General objects: largest size in bytes.")
  long maxSize;

  @Option(
      names = "--drift",
      defaultValue = "0",
      description =
          "General objects: every N of their requests a new object takes the top rank and the others move down one (0: a fixed ranking).")
  int drift;

  @Option(
      names = "--sites",
      defaultValue = "4",
      description = "Flash-crowd only: sites, each with its own tastes (1 to 127).")
  int sites;

  @Option(
      names = "--flash-crowds",
      defaultValue = "24",
      description = "Flash-crowd only: flash crowds per site and day.")
  int flashCrowds;

  @Option(
      names = "--decoys",
      defaultValue = "24",
      description = "Flash-crowd only: crowds per site and day that stay below a flash crowd.")
  int decoys;

  GenTraceCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    if (titles < 1
        || requests < 1
        || zipf <= 0
        || objectZipf <= 0
        || regions < 1
        || days < 1
        || objects < 1) {
      throw CliException.usage(
          "titles, objects, requests, regions, days and zipf must be positive");
    }
    if (!(generalShare >= 0 && generalShare <= 1))
      throw CliException.usage("--general-share must be in [0, 1], was " + generalShare);
    TraceFormat traceFormat = SimCacheCommand.parseFormat(format);
    if (kind.equals("flash-crowd")) return flashCrowd(traceFormat);
    Trace trace =
        switch (kind) {
          case "video" -> new VideoWorkload(video()).generate();
          case "general" -> new GeneralWorkload(general(titles)).generate();
          case "mixed" ->
              new MixedWorkload(new MixedWorkload.Settings(video(), general(objects), generalShare))
                  .generate();
          default ->
              throw CliException.usage(
                  "unknown --kind '" + kind + "', expected video, general, mixed or flash-crowd");
        };
    write(trace, traceFormat);
    return 0;
  }

  private Path write(Trace trace, TraceFormat traceFormat) throws IOException {
    Path target = context.workDir().resolve(out);
    traceFormat.write(trace, target);
    context
        .out()
        .printf(
            Locale.ROOT,
            "wrote %s: %d requests, %d objects, working set %d bytes%n",
            target,
            trace.length(),
            trace.distinctObjects(),
            trace.workingSetBytes());
    return target;
  }

  /** A trace of several sites with its labels beside it; only csv keeps the site column. */
  private Integer flashCrowd(TraceFormat traceFormat) throws IOException {
    if (traceFormat != TraceFormat.CSV)
      throw CliException.usage(
          "a flash-crowd trace is written as csv (time,id,size,site), not " + format);
    FlashCrowdWorkload.Output output;
    try {
      output =
          new FlashCrowdWorkload(
                  new FlashCrowdWorkload.Settings(
                      seed, titles, requests, zipf, sites, days, flashCrowds, decoys))
              .generate();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    Path target = write(output.trace(), traceFormat);
    Path labels = FlashCrowdLabels.beside(target);
    FlashCrowdLabels.write(output.labels(), labels);
    context
        .out()
        .printf(Locale.ROOT, "wrote %s: %d flash crowds%n", labels, output.labels().size());
    return 0;
  }

  private VideoWorkload.Settings video() {
    return new VideoWorkload.Settings(seed, titles, requests, zipf, regions, newReleases, days);
  }

  /** The general objects' settings; a mixed trace draws them from a seed of their own. */
  private GeneralWorkload.Settings general(int count) {
    try {
      boolean mixed = kind.equals("mixed");
      return new GeneralWorkload.Settings(
          mixed ? ~seed : seed,
          count,
          requests,
          mixed ? objectZipf : zipf,
          oneHitShare,
          minSize,
          maxSize,
          drift);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
