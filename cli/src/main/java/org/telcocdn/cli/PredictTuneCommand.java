package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.eval.Method;
import org.telcocdn.predict.eval.ReplaySettings;
import org.telcocdn.predict.eval.Thresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cdn predict tune}: each method's threshold of best event F1 on a tuning trace, for eval's --thresholds. */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = "Choose each method's threshold (best event F1) on a labelled tuning trace; evaluate on other traces.")
final class PredictTuneCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  PredictTrace input = new PredictTrace();

  @Option(names = "--out", required = true, description = "Where to write the thresholds (method,threshold).")
  Path out;

  PredictTuneCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Trace trace = input.read(context);
    Thresholds tuned = input.evaluation(ReplaySettings.defaults().withMethods(EnumSet.allOf(Method.class)))
        .tune(trace, input.labels(context, true));
    Path target = context.workDir().resolve(out);
    tuned.write(target);
    for (Method m : Method.values()) context.out().printf("%s,%s%n", m.label(), tuned.of(m));
    context.out().println("wrote " + target);
    return 0;
  }
}
