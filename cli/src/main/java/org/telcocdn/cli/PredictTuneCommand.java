package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.eval.Evaluation;
import org.telcocdn.predict.eval.Method;
import org.telcocdn.predict.eval.ReplaySettings;
import org.telcocdn.predict.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cdn predict tune}: each method's threshold of best event F1 on a tuning trace, for eval's
 * --thresholds.
 */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description =
        "Choose each method's threshold (best event F1) on a labelled tuning trace; evaluate on other traces.")
final class PredictTuneCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin PredictTrace input = new PredictTrace();

  @Option(
      names = "--out",
      required = true,
      description = "Where to write the thresholds (method,threshold).")
  Path out;

  @Option(
      names = "--model-out",
      description = "Where to write the models as they end the tuning trace, for eval --model.")
  Path modelOut;

  PredictTuneCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Trace trace = input.read(context);
    ModelStore start = input.startModels(context);
    Evaluation.Tuned tuned =
        input
            .evaluation(ReplaySettings.defaults().withMethods(EnumSet.allOf(Method.class)))
            .tune(trace, input.labels(context, true), start);
    Path target = context.workDir().resolve(out);
    tuned.thresholds().write(target);
    for (Method m : Method.values())
      context.out().printf("%s,%s%n", m.label(), tuned.thresholds().of(m));
    context.out().println("wrote " + target);
    if (modelOut != null) {
      Path models = context.workDir().resolve(modelOut);
      tuned.models().write(models);
      context.out().println("wrote " + models);
    }
    return 0;
  }
}
