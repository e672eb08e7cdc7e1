package org.telcocdn.predict.label;

import org.telcocdn.predict.signal.EdgeSignals;
import org.telcocdn.predict.signal.Feature;

/**
 * Labels an edge learns from, made from its own stream once they are known: a title's features at a
 * tick are kept for {@link Rule#horizonSeconds()} seconds, then labelled <em>spike</em> if, within
 * that horizon, the title's new sessions a minute (1-minute rate) reached the larger of {@link
 * Rule#ratio()} times their 10-minute rate at the sample and {@link Rule#startsFloorPerMinute()},
 * or its requests a minute reached the larger of {@link Rule#ratio()} times their 10-minute rate
 * and {@link Rule#requestsFloorPerMinute()}. Starts are the crowd itself; requests are there
 * because a live stream's viewers join at the live edge, not at position 0, so without CMCD {@code
 * su} only their requests show them. The request floor has to be high: one playing session asks for
 * a 4 s segment 15 times a minute, so a floor of a few requests a minute is one viewer pressing
 * play. The log of the requests the title actually had in the horizon is the rate target. A sample
 * already at either level is labelled no spike, whatever follows: the question is whether a spike
 * <em>starts</em>, and a crowd already there is past predicting (an alarm then would come too late
 * to help and count as a false one). Nothing here knows the generator's labels; the evaluation
 * scores against those, the edge learns from these.
 *
 * <p>Memory is fixed: per title slot a ring of the 1-minute rates' maxima per 10 s over the
 * horizon, and one ring of at most {@code pending} samples awaiting their label. When the samples
 * of calm titles (not growing, not new) would fill more than half of it, only one in {@code stride}
 * of them is kept, with weight {@code stride}, and the stride doubles; it halves again when the
 * ring empties.
 */
public final class SpikeLabels {
  private static final int BUCKET_SECONDS = 10;

  /**
   * How much later a 1-minute decayed rate reaches half of a new level than the rate itself: 60 s ×
   * ln 2 for a step, about a minute for a ramp; the onset rule shifts its window by this much.
   */
  static final int LAG_SECONDS = 40;

  /**
   * The operational spike. With {@code peakSeconds} 0 (the first rule, kept for comparison): a
   * spike if within {@code horizonSeconds} the rate reaches the larger of {@code ratio} times its
   * 10-minute rate and the floor, a sample already there being no spike. Otherwise the
   * <em>onset</em> rule: once {@code peakSeconds} have passed, the edge knows the highest rate
   * {@code P} the title reached after the sample; the sample is a spike if {@code P} is at least
   * that level, the rate at the sample was below {@code P / 2}, and it first reached {@code P / 2}
   * (the crowd's onset as the labels of the evaluation define it, seen through the edge's 1-minute
   * rate) within {@code horizonSeconds} (plus the 1-minute rate's lag, {@value #LAG_SECONDS} s).
   */
  public record Rule(
      int horizonSeconds,
      int peakSeconds,
      double ratio,
      double startsFloorPerMinute,
      double requestsFloorPerMinute) {
    /**
     * The first rule: 3 minutes ahead, 5 times the title's own rate, 4 new sessions or 150 requests
     * a minute.
     */
    public static final Rule LEVEL = new Rule(180, 0, 5, 4, 150);

    /**
     * The onset within 5 minutes (an alarm counts from 5 minutes before a crowd's onset to 30 s
     * after it, issue 19), its peak looked for over 10 minutes (a release ramps for 1 to 5 minutes,
     * a viral clip peaks about three time constants after its midpoint), same ratio and floors.
     */
    public static final Rule DEFAULT = new Rule(300, 600, 5, 4, 150);

    public Rule {
      if (horizonSeconds < BUCKET_SECONDS
          || ratio <= 1
          || startsFloorPerMinute <= 0
          || requestsFloorPerMinute <= 0) {
        throw new IllegalArgumentException(
            "a spike rule needs a horizon of at least 10 s, a ratio above 1 and positive floors, was "
                + horizonSeconds
                + " s, "
                + ratio
                + ", "
                + startsFloorPerMinute
                + ", "
                + requestsFloorPerMinute);
      }
      if (peakSeconds != 0 && peakSeconds < horizonSeconds + LAG_SECONDS) {
        throw new IllegalArgumentException(
            "the peak must be looked for at least over the horizon and the lag, was "
                + peakSeconds
                + " s");
      }
    }

    boolean onset() {
      return peakSeconds > 0;
    }

    /** How long a sample waits for its label. */
    int waitSeconds() {
      return onset() ? peakSeconds : horizonSeconds;
    }
  }

  /** Takes each sample once it is labelled. */
  public interface Learner {
    void learn(float[] features, boolean spike, double logRequests, double weight);
  }

  private final Rule rule;
  private final EdgeSignals signals;
  private final Learner learner;
  private final int buckets;

  /** Per slot and bucket: the highest 1-minute starts rate, then the highest requests rate. */
  private final float[] peak;

  private final long[] stamp;
  private final Pending pending;
  private int stride = 1;
  private int calmSeen;

  public SpikeLabels(Rule rule, EdgeSignals signals, int pendingCapacity, Learner learner) {
    this.rule = rule;
    this.signals = signals;
    this.learner = learner;
    this.buckets = rule.waitSeconds() / BUCKET_SECONDS + 2;
    this.peak = new float[2 * signals.capacity() * buckets];
    this.stamp = new long[signals.capacity() * buckets];
    this.pending = new Pending(pendingCapacity, Feature.COUNT);
  }

  /**
   * Takes the features of a title just folded at {@code now}; call after {@link #mature} of the
   * same tick.
   */
  public void observe(int slot, long now, float[] features) {
    double starts = signals.startsPerMinute1m(slot);
    double requests = signals.requestsPerMinute1m(slot);
    record(slot, now, starts, requests);
    double startsLevel =
        Math.max(rule.ratio() * signals.startsPerMinute10m(slot), rule.startsFloorPerMinute());
    double requestsLevel =
        Math.max(rule.ratio() * signals.requestsPerMinute10m(slot), rule.requestsFloorPerMinute());
    if (!rule.onset() && (starts >= startsLevel || requests >= requestsLevel))
      startsLevel = requestsLevel = Double.POSITIVE_INFINITY;
    boolean calm =
        features[Feature.GROWTH_SHORT.ordinal()] <= 0 && features[Feature.YOUNG.ordinal()] == 0;
    if (calm && calmSeen++ % stride != 0) return;
    if (pending.full()) return;
    pending.add(
        now,
        slot,
        signals.generation(slot),
        startsLevel,
        requestsLevel,
        signals.requestsSoFar(slot),
        calm ? stride : 1,
        features);
    adaptStride();
  }

  private void adaptStride() {
    if (pending.size() > pending.capacity() / 2) stride = Math.min(stride * 2, 1 << 10);
    else if (pending.size() < pending.capacity() / 8 && stride > 1) stride /= 2;
  }

  private void record(int slot, long now, double starts, double requests) {
    long bucket = now / BUCKET_SECONDS;
    int i = slot * buckets + (int) Math.floorMod(bucket, buckets);
    if (stamp[i] != bucket) {
      stamp[i] = bucket;
      peak[2 * i] = peak[2 * i + 1] = 0;
    }
    peak[2 * i] = (float) Math.max(peak[2 * i], starts);
    peak[2 * i + 1] = (float) Math.max(peak[2 * i + 1], requests);
  }

  /**
   * Labels every sample whose horizon ended at or before {@code now} and hands it to the learner.
   */
  public void mature(long now) {
    while (pending.size() > 0 && pending.oldestTime() + rule.waitSeconds() <= now) {
      int at = pending.oldest();
      int slot = pending.slot(at);
      if (signals.generation(slot) == pending.generation(at)) {
        long time = pending.time(at);
        boolean spike =
            rule.onset()
                ? onsetAfter(slot, time, 0, pending.startsLevel(at))
                    || requestsRise(slot, time, pending.requestsLevel(at))
                : peakAfter(slot, time, 0) >= pending.startsLevel(at)
                    || peakAfter(slot, time, 1) >= pending.requestsLevel(at);
        double requests = signals.requestsSoFar(slot) - pending.requestsSoFar(at);
        learner.learn(pending.features(at), spike, Math.log1p(requests), pending.weight(at));
      }
      pending.removeOldest();
    }
  }

  /**
   * The highest rate of one kind (0 starts, 1 requests) in the buckets after {@code time} within
   * the horizon.
   */
  private double peakAfter(int slot, long time, int kind) {
    long from = time / BUCKET_SECONDS;
    long to = (time + rule.horizonSeconds()) / BUCKET_SECONDS;
    double max = 0;
    for (int b = 0; b < buckets; b++) {
      int i = slot * buckets + b;
      if (stamp[i] > from && stamp[i] <= to) max = Math.max(max, peak[2 * i + kind]);
    }
    return max;
  }

  /**
   * Whether the rate of one kind (0 starts, 1 requests) had its onset after {@code time}: its
   * highest value in the {@code peakSeconds} after reached {@code level}, it was below half of that
   * at {@code time}, and first reached half within the horizon and the lag.
   */
  private boolean onsetAfter(int slot, long time, int kind, double level) {
    long from = time / BUCKET_SECONDS;
    long to = (time + rule.peakSeconds()) / BUCKET_SECONDS;
    double peak = 0;
    for (long b = from + 1; b <= to; b++) peak = Math.max(peak, bucket(slot, b, kind));
    if (peak < level || bucket(slot, from, kind) >= peak / 2) return false;
    long latest = (time + rule.horizonSeconds() + LAG_SECONDS) / BUCKET_SECONDS;
    for (long b = from + 1; b <= Math.min(to, latest); b++)
      if (bucket(slot, b, kind) >= peak / 2) return true;
    return false;
  }

  /**
   * Whether the requests rate, below {@code level} at {@code time}, reached it within the horizon:
   * how a live crowd shows without CMCD, its viewers joining at the live edge rather than at
   * position 0. (Joins estimated from the requests' rise, with the onset rule, were tried: noisier,
   * worse.)
   */
  private boolean requestsRise(int slot, long time, double level) {
    return bucket(slot, time / BUCKET_SECONDS, 1) < level && peakAfter(slot, time, 1) >= level;
  }

  /**
   * The highest rate of one kind (0 starts, 1 requests) in a 10 s bucket, 0 when the title was not
   * requested in it.
   */
  private double bucket(int slot, long bucket, int kind) {
    int i = slot * buckets + (int) Math.floorMod(bucket, buckets);
    return stamp[i] == bucket ? peak[2 * i + kind] : 0;
  }

  public int pendingSamples() {
    return pending.size();
  }

  public Rule rule() {
    return rule;
  }
}
