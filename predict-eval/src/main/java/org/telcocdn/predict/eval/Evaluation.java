package org.telcocdn.predict.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.cache.sim.FlashCrowd;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.model.ModelStore;

/**
 * What {@code cdn predict eval} and {@code cdn predict tune} compute on one trace: one replay of
 * every method ({@link Replay}), then per method its alarms at a threshold ({@link AlarmRule})
 * scored against the labels ({@link EventMatch}) over the scored period, the part of the trace
 * after the warm-up share, so that every learned model has seen the same history before it is
 * judged and every method is judged on the same crowds.
 */
public final class Evaluation {
  /**
   * Per method its score against the labels (null without labels) and its alarms, every method in
   * enum order.
   */
  public record Outcome(
      Replay.Tapes tapes,
      long scoredFrom,
      Map<Method, Detection> detections,
      Map<Method, List<Alarm>> alarms) {
    /** Every alarm of every method, by time then method. */
    public List<Alarm> allAlarms() {
      List<Alarm> all = new ArrayList<>();
      alarms.values().forEach(all::addAll);
      all.sort(Comparator.comparingLong(Alarm::time).thenComparing(Alarm::method));
      return all;
    }
  }

  private final ReplaySettings settings;
  private final double warmup;

  /**
   * @param warmup share of the trace's time span before scoring starts, in [0, 1)
   */
  public Evaluation(ReplaySettings settings, double warmup) {
    if (!(warmup >= 0 && warmup < 1))
      throw new IllegalArgumentException("warm-up must be in [0, 1), was " + warmup);
    this.settings = settings;
    this.warmup = warmup;
  }

  /**
   * Replays the trace and applies {@code thresholds}; scores against {@code labels} when not null.
   */
  public Outcome evaluate(Trace trace, List<FlashCrowd> labels, Thresholds thresholds) {
    return evaluate(trace, labels, thresholds, new ModelStore());
  }

  /**
   * As {@link #evaluate(Trace, List, Thresholds)}, the models starting from {@code start} (an
   * earlier day's).
   */
  public Outcome evaluate(
      Trace trace, List<FlashCrowd> labels, Thresholds thresholds, ModelStore start) {
    Replay.Tapes tapes = new Replay(settings, start).run(trace);
    long from = scoredFrom(tapes);
    EventMatch match =
        labels == null ? null : new EventMatch(labels, from, tapes.end(), tapes.sites());
    EnumMap<Method, Detection> detections = new EnumMap<>(Method.class);
    EnumMap<Method, List<Alarm>> alarms = new EnumMap<>(Method.class);
    for (Map.Entry<Method, ScoreTape> e : tapes.byMethod().entrySet()) {
      double threshold = thresholds.of(e.getKey());
      List<Alarm> raised = AlarmRule.alarms(e.getValue(), e.getKey(), threshold);
      alarms.put(e.getKey(), raised);
      if (match != null) detections.put(e.getKey(), match.score(e.getKey(), threshold, raised));
    }
    return new Outcome(tapes, from, detections, alarms);
  }

  /**
   * Each method's threshold of best event F1 on this trace (the tuning trace, never the one
   * evaluated).
   */
  public Thresholds tune(Trace trace, List<FlashCrowd> labels) {
    return tune(trace, labels, new ModelStore()).thresholds();
  }

  /** What tuning leaves: the thresholds, and the models as they ended the tuning trace. */
  public record Tuned(
      Thresholds thresholds, ModelStore models, Map<Method, Detection> detections) {}

  /**
   * As {@link #tune(Trace, List)}, the models starting from {@code start}; also returns the models
   * it ended with.
   */
  public Tuned tune(Trace trace, List<FlashCrowd> labels, ModelStore start) {
    Replay.Tapes tapes = new Replay(settings, start).run(trace);
    EventMatch match = new EventMatch(labels, scoredFrom(tapes), tapes.end(), tapes.sites());
    Thresholds tuned = Thresholds.defaults();
    EnumMap<Method, Detection> detections = new EnumMap<>(Method.class);
    for (Map.Entry<Method, ScoreTape> e : tapes.byMethod().entrySet()) {
      Detection best = Tuning.best(e.getValue(), e.getKey(), match);
      detections.put(e.getKey(), best);
      if (best.threshold() < Double.MAX_VALUE) tuned.with(e.getKey(), best.threshold());
    }
    return new Tuned(tuned, tapes.models(), detections);
  }

  private long scoredFrom(Replay.Tapes tapes) {
    return tapes.start() + (long) Math.ceil(warmup * (tapes.end() - tapes.start()));
  }
}
