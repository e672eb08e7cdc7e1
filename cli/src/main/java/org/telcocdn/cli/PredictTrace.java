package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.telcocdn.cache.sim.FlashCrowd;
import org.telcocdn.cache.sim.FlashCrowdLabels;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.eval.Evaluation;
import org.telcocdn.predict.eval.ReplaySettings;
import org.telcocdn.predict.model.ModelStore;
import org.telcocdn.predict.model.SpikeModel;
import org.telcocdn.predict.signal.Feature;
import picocli.CommandLine.Option;

/**
 * The options {@code cdn predict eval} and {@code tune} share: the trace, its labels, the replay's
 * edges.
 */
final class PredictTrace {
  @Option(
      names = "--trace",
      required = true,
      description =
          "A trace with the columns time,id,size,site (cdn gen-trace --kind flash-crowd).")
  Path trace;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "csv, oracle or lrb (only csv carries the site column).")
  String format;

  @Option(
      names = "--labels",
      description =
          "The flash crowds' labels (default: the trace's name with .labels.csv, when it exists).")
  Path labels;

  @Option(
      names = "--warmup",
      defaultValue = "0.25",
      description = "Share of the trace's time span the models learn before scoring starts.")
  double warmup;

  @Option(
      names = "--edges-per-site",
      defaultValue = "2",
      description = "Edges per site; a title's requests go to one of them by rendezvous hashing.")
  int edgesPerSite;

  @Option(
      names = "--model",
      description =
          "Start the learned models from this file (cdn predict tune --model-out: an earlier day's models, "
              + "as the controller keeps the global model and each edge its local part); default: from scratch.")
  Path model;

  Trace read(CliContext context) throws IOException {
    Path file = context.workDir().resolve(trace);
    if (!Files.isReadable(file)) throw CliException.usage("cannot read the trace " + file);
    Trace t;
    try {
      t = SimCacheCommand.parseFormat(format).read(file);
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.usage("cannot read the trace: " + e.getMessage());
    }
    if (t.length() == 0) throw CliException.usage("the trace " + file + " holds no requests");
    return t;
  }

  /** The labels, or null when none were given and none lie beside the trace. */
  List<FlashCrowd> labels(CliContext context, boolean required) throws IOException {
    Path file =
        labels != null
            ? context.workDir().resolve(labels)
            : FlashCrowdLabels.beside(context.workDir().resolve(trace));
    if (!Files.isReadable(file)) {
      if (labels != null || required)
        throw CliException.usage("cannot read the labels " + file + " (--labels)");
      return null;
    }
    try {
      return FlashCrowdLabels.read(file);
    } catch (IOException e) {
      throw CliException.usage("cannot read the labels: " + e.getMessage());
    }
  }

  /** The models to start from: the --model file, or none (every model starts afresh). */
  ModelStore startModels(CliContext context) {
    if (model == null) return new ModelStore();
    try {
      return ModelStore.read(context.workDir().resolve(model))
          .requireFits(
              SpikeModel.sharedSize(Feature.COUNT, ReplaySettings.defaults().hidden()),
              Feature.COUNT);
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.usage("cannot read the models: " + e.getMessage());
    }
  }

  Evaluation evaluation(ReplaySettings settings) {
    try {
      return new Evaluation(settings.withEdgesPerSite(edgesPerSite), warmup);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
