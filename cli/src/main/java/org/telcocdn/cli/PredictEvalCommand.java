package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.sim.FlashCrowd;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.eval.CacheEffect;
import org.telcocdn.predict.eval.EvalTable;
import org.telcocdn.predict.eval.Evaluation;
import org.telcocdn.predict.eval.Method;
import org.telcocdn.predict.eval.ReplaySettings;
import org.telcocdn.predict.eval.SiteEdges;
import org.telcocdn.predict.eval.Thresholds;
import org.telcocdn.predict.prefetch.PrefetchPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cdn predict eval}: replays a trace of several sites through every method, writes every
 * alarm, prints each method's event precision, recall, F1, lead time and false alarms against the
 * labels, and the cache effect of acting on a method's alarms with the real policies
 * (docs/prediction.md).
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Replay a flash-crowd trace through every method; print detection and cache effect, write the alarms.")
final class PredictEvalCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin PredictTrace input = new PredictTrace();

  @Option(
      names = "--alarms",
      required = true,
      description = "Where to write every alarm as time,site,title,score,method.")
  Path alarms;

  @Option(
      names = "--methods",
      split = ",",
      description =
          "Methods to run (default all): static-threshold, ewma-z, holt-winters, cusum, "
              + "local-only, centralised, federated.")
  List<String> methods;

  @Option(
      names = "--thresholds",
      description =
          "Thresholds per method from cdn predict tune (default: those tuned on seed 1, docs/prediction.md).")
  Path thresholds;

  @Option(
      names = "--act-on",
      split = ",",
      defaultValue = "federated,ewma-z",
      description =
          "Methods whose alarms the cache replay acts on (besides the run without prediction); empty to skip the cache replay.")
  List<String> actOn;

  @Option(
      names = "--policies",
      split = ",",
      defaultValue = "vpop",
      description = "Cache policies of the cache replay, with and without prediction.")
  List<String> policies;

  @Option(
      names = "--baselines",
      split = ",",
      defaultValue = "lru,s3fifo,wtinylfu",
      description = "Policies replayed without prediction only, for comparison.")
  List<String> baselines;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "0.01,0.05,0.1",
      description = "Each edge's cache as a fraction of the bytes its requests touch.")
  List<Double> sizes;

  @Option(
      names = "--prefetch-positions",
      defaultValue = "30",
      description = "Prefetch among a title's first N segments.")
  int prefetchPositions;

  @Option(
      names = "--prefetch-probability",
      defaultValue = "0.6",
      description =
          "Prefetch a segment when the expected new sessions ask for it with at least this probability.")
  double prefetchProbability;

  PredictEvalCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    EnumSet<Method> chosen = chosen();
    List<Method> acting = parse(actOn);
    chosen.addAll(acting);
    Thresholds limits = thresholds();
    PrefetchPlan plan = plan();
    List<PolicyName> cached = policyNames(policies);
    List<PolicyName> compared = policyNames(baselines);
    Trace trace = input.read(context);
    List<FlashCrowd> labels = input.labels(context, false);
    Evaluation.Outcome outcome =
        input
            .evaluation(ReplaySettings.defaults().withMethods(chosen))
            .evaluate(trace, labels, limits, input.startModels(context));
    Path target = context.workDir().resolve(alarms);
    EvalTable.writeAlarms(outcome.allAlarms(), target);
    context.out().printf("wrote %d alarms to %s%n", outcome.allAlarms().size(), target);
    if (labels == null) {
      context.out().println("no labels given or beside the trace: alarms only, nothing scored");
      return 0;
    }
    EvalTable.detections(outcome, context.out());
    if (acting.isEmpty()) return 0;
    CacheEffect effect =
        new CacheEffect(
            trace, labels, new SiteEdges(input.edgesPerSite), plan, outcome.scoredFrom());
    EvalTable.cacheHeader(context.out());
    for (double size : sizes) {
      for (PolicyName p : compared)
        EvalTable.cacheRow(effect.run(p, size, null, null), context.out());
      for (PolicyName p : cached) {
        EvalTable.cacheRow(effect.run(p, size, null, null), context.out());
        for (Method m : acting)
          EvalTable.cacheRow(
              effect.run(p, size, m.label(), outcome.alarms().get(m)), context.out());
      }
    }
    return 0;
  }

  private EnumSet<Method> chosen() {
    return methods == null || methods.isEmpty()
        ? EnumSet.allOf(Method.class)
        : EnumSet.copyOf(parse(methods));
  }

  private static List<Method> parse(List<String> labels) {
    try {
      return labels.stream().filter(s -> !s.isBlank()).map(Method::of).toList();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private Thresholds thresholds() throws IOException {
    if (thresholds == null) return Thresholds.defaults();
    try {
      return Thresholds.read(context.workDir().resolve(thresholds));
    } catch (IOException e) {
      throw CliException.usage("cannot read the thresholds: " + e.getMessage());
    }
  }

  private PrefetchPlan plan() {
    try {
      return new PrefetchPlan(prefetchPositions, prefetchProbability);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private List<PolicyName> policyNames(List<String> names) {
    try {
      return names.stream().filter(s -> !s.isBlank()).map(PolicyName::of).toList();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
