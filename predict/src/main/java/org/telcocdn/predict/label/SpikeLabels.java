package org.telcocdn.predict.label;

import org.telcocdn.predict.signal.EdgeSignals;
import org.telcocdn.predict.signal.Feature;

/**
 * Labels an edge learns from, made from its own stream once they are known: a title's features at a
 * tick are kept for {@link Rule#horizonSeconds()} seconds, then labelled <em>spike</em> if, within
 * that horizon, the title's new sessions a minute (1-minute rate) reached the larger of
 * {@link Rule#ratio()} times their 10-minute rate at the sample and {@link Rule#startsFloorPerMinute()},
 * or its requests a minute reached the larger of {@link Rule#ratio()} times their 10-minute rate and
 * {@link Rule#requestsFloorPerMinute()}. Starts are the crowd itself; requests are there because a
 * live stream's viewers join at the live edge, not at position 0, so without CMCD {@code su} only
 * their requests show them. The request floor has to be high: one playing session asks for a 4 s
 * segment 15 times a minute, so a floor of a few requests a minute is one viewer pressing play.
 * The log of the requests the title actually had in the horizon is the rate target. A sample already
 * at either level is labelled no spike, whatever follows: the question is whether a spike
 * <em>starts</em>, and a crowd already there is past predicting (an alarm then would come too late
 * to help and count as a false one). Nothing here knows the generator's labels; the evaluation
 * scores against those, the edge learns from these.
 *
 * <p>Memory is fixed: per title slot a ring of the 1-minute rates' maxima per 10 s over the horizon,
 * and one ring of at most {@code pending} samples awaiting their label. When the samples of calm
 * titles (not growing, not new) would fill more than half of it, only one in {@code stride} of them is
 * kept, with weight {@code stride}, and the stride doubles; it halves again when the ring empties.
 */
public final class SpikeLabels {
  private static final int BUCKET_SECONDS = 10;

  /**
   * The operational spike: how far ahead, how much above the title's own rate, and at least how many
   * new sessions, or requests, a minute.
   */
  public record Rule(int horizonSeconds, double ratio, double startsFloorPerMinute, double requestsFloorPerMinute) {
    /**
     * 3 minutes ahead (a prefetch of the first segments takes seconds, the crowd's first minutes are
     * what it saves), 5 times the title's own rate, 4 new sessions a minute or 150 requests a minute
     * (ten sessions playing at once).
     */
    public static final Rule DEFAULT = new Rule(180, 5, 4, 150);

    public Rule {
      if (horizonSeconds < BUCKET_SECONDS || ratio <= 1 || startsFloorPerMinute <= 0 || requestsFloorPerMinute <= 0) {
        throw new IllegalArgumentException("a spike rule needs a horizon of at least 10 s, a ratio above 1 and positive floors, was "
            + horizonSeconds + " s, " + ratio + ", " + startsFloorPerMinute + ", " + requestsFloorPerMinute);
      }
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
    this.buckets = rule.horizonSeconds() / BUCKET_SECONDS + 1;
    this.peak = new float[2 * signals.capacity() * buckets];
    this.stamp = new long[signals.capacity() * buckets];
    this.pending = new Pending(pendingCapacity, Feature.COUNT);
  }

  /** Takes the features of a title just folded at {@code now}; call after {@link #mature} of the same tick. */
  public void observe(int slot, long now, float[] features) {
    double starts = signals.startsPerMinute1m(slot);
    double requests = signals.requestsPerMinute1m(slot);
    record(slot, now, starts, requests);
    double startsLevel = Math.max(rule.ratio() * signals.startsPerMinute10m(slot), rule.startsFloorPerMinute());
    double requestsLevel = Math.max(rule.ratio() * signals.requestsPerMinute10m(slot), rule.requestsFloorPerMinute());
    if (starts >= startsLevel || requests >= requestsLevel) startsLevel = requestsLevel = Double.POSITIVE_INFINITY;
    boolean calm = features[Feature.GROWTH_SHORT.ordinal()] <= 0 && features[Feature.YOUNG.ordinal()] == 0;
    if (calm && calmSeen++ % stride != 0) return;
    if (pending.full()) return;
    pending.add(now, slot, signals.generation(slot), startsLevel, requestsLevel, signals.requestsSoFar(slot), calm ? stride : 1, features);
    adaptStride();
  }

  private void adaptStride() {
    if (pending.size() > pending.capacity() / 2) stride = Math.min(stride * 2, 1 << 10);
    else if (pending.size() < pending.capacity() / 8 && stride > 1) stride /= 2;
  }

  private void record(int slot, long now, double starts, double requests) {
    long bucket = now / BUCKET_SECONDS;
    int i = slot * buckets + (int) (bucket % buckets);
    if (stamp[i] != bucket) {
      stamp[i] = bucket;
      peak[2 * i] = peak[2 * i + 1] = 0;
    }
    peak[2 * i] = (float) Math.max(peak[2 * i], starts);
    peak[2 * i + 1] = (float) Math.max(peak[2 * i + 1], requests);
  }

  /** Labels every sample whose horizon ended at or before {@code now} and hands it to the learner. */
  public void mature(long now) {
    while (pending.size() > 0 && pending.oldestTime() + rule.horizonSeconds() <= now) {
      int at = pending.oldest();
      int slot = pending.slot(at);
      if (signals.generation(slot) == pending.generation(at)) {
        long time = pending.time(at);
        boolean spike = peakAfter(slot, time, 0) >= pending.startsLevel(at) || peakAfter(slot, time, 1) >= pending.requestsLevel(at);
        double requests = signals.requestsSoFar(slot) - pending.requestsSoFar(at);
        learner.learn(pending.features(at), spike, Math.log1p(requests), pending.weight(at));
      }
      pending.removeOldest();
    }
  }

  /** The highest rate of one kind (0 starts, 1 requests) in the buckets after {@code time} within the horizon. */
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

  public int pendingSamples() {
    return pending.size();
  }

  public Rule rule() {
    return rule;
  }
}
