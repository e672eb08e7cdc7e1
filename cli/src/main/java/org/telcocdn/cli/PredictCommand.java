package org.telcocdn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cdn predict}: the spike predictor's offline evaluation and tuning (docs/prediction.md).
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate and tune the demand-spike predictor on a flash-crowd trace (docs/prediction.md).")
final class PredictCommand implements Runnable {
  private final CliContext context;

  private PredictCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new PredictCommand(context))
        .addSubcommand(new PredictEvalCommand(context))
        .addSubcommand(new PredictTuneCommand(context));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(context.out());
  }
}
