package org.telcocdn.predict.eval;

import java.util.EnumMap;
import org.telcocdn.predict.detect.Cusum;
import org.telcocdn.predict.detect.Detector;
import org.telcocdn.predict.detect.EwmaZScore;
import org.telcocdn.predict.detect.HoltWinters;
import org.telcocdn.predict.detect.StaticThreshold;
import org.telcocdn.predict.label.SpikeLabels;
import org.telcocdn.predict.model.FederatedEdge;
import org.telcocdn.predict.model.SpikeModel;
import org.telcocdn.predict.signal.CrossSite;
import org.telcocdn.predict.signal.EdgeSignals;

/**
 * One edge in the replay, running every method side by side on the same signals: the four simple
 * detectors, its local-only model, its federated model, and its share of the centralised one (a
 * single model that learns from every edge's samples as they mature, as if all were in one place).
 * Each score at or above the method's floor goes to that method's tape.
 */
final class EdgeRuntime implements EdgeSignals.Listener, SpikeLabels.Learner {
  final int site;
  final EdgeSignals signals;
  final SpikeLabels labels;
  final FederatedEdge federated;
  private final EnumMap<Method, Detector> detectors = new EnumMap<>(Method.class);
  private final SpikeModel local;
  private final SpikeModel central;
  private final EnumMap<Method, ScoreTape> tapes;
  long samples;
  long spikes;

  EdgeRuntime(
      int site,
      ReplaySettings settings,
      FederatedEdge federated,
      SpikeModel local,
      SpikeModel central,
      EnumMap<Method, ScoreTape> tapes,
      CrossSite crossSite) {
    this.site = site;
    this.federated = federated;
    this.local = local;
    this.central = central;
    this.tapes = tapes;
    this.signals = new EdgeSignals(settings.titleCapacity(), this, site, crossSite);
    this.labels = new SpikeLabels(settings.rule(), signals, settings.pendingCapacity(), this);
    detectors.put(Method.STATIC_THRESHOLD, new StaticThreshold(signals));
    detectors.put(Method.EWMA_Z, new EwmaZScore(signals, 600));
    detectors.put(Method.HOLT_WINTERS, new HoltWinters(signals, 0.3, 0.1, 120));
    detectors.put(Method.CUSUM, new Cusum(signals, 0.5, 600));
    detectors.keySet().retainAll(settings.methods());
  }

  SpikeModel localOnly() {
    return local;
  }

  @Override
  public void onTitle(int slot, long title, long now, float[] features) {
    labels.observe(slot, now, features);
    double logRequests = federated.model().expectedLogRequests(features);
    for (var d : detectors.entrySet())
      record(d.getKey(), now, title, d.getValue().score(slot, now, features), logRequests);
    if (tapes.containsKey(Method.LOCAL_ONLY))
      record(Method.LOCAL_ONLY, now, title, local.probability(features), logRequests);
    if (tapes.containsKey(Method.CENTRALISED))
      record(Method.CENTRALISED, now, title, central.probability(features), logRequests);
    if (tapes.containsKey(Method.FEDERATED))
      record(Method.FEDERATED, now, title, federated.model().probability(features), logRequests);
  }

  private void record(Method m, long now, long title, double score, double logRequests) {
    if (score >= m.floor()) tapes.get(m).add(now, site, title, score, logRequests);
  }

  @Override
  public void learn(float[] features, boolean spike, double logRequests, double weight) {
    samples++;
    if (spike) spikes++;
    if (tapes.containsKey(Method.LOCAL_ONLY)) local.learn(features, spike, logRequests, weight);
    if (tapes.containsKey(Method.CENTRALISED)) central.learn(features, spike, logRequests, weight);
    federated.model().learn(features, spike, logRequests, weight);
  }
}
