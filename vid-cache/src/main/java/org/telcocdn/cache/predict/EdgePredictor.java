package org.telcocdn.cache.predict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.predict.label.SpikeLabels;
import org.telcocdn.predict.model.FederatedEdge;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.Sgd;
import org.telcocdn.predict.model.SpikeModel;
import org.telcocdn.predict.prefetch.AudienceMix;
import org.telcocdn.predict.prefetch.PrefetchPlan;
import org.telcocdn.predict.signal.CrossSite;
import org.telcocdn.predict.signal.EdgeSignals;
import org.telcocdn.predict.signal.Feature;
import org.telcocdn.predict.signal.TitleKeys;

/**
 * The edge's demand-spike model at work (docs/prediction.md, "Online"): viewer requests from the
 * {@link DemandFeed} go into {@link EdgeSignals}; every 5 s tick each title requested in it is
 * scored by the {@link SpikeModel} (shared part from the controller's rounds, local part this
 * edge's own), its features kept by {@link SpikeLabels} until their label is known and then learned
 * by SGD; a title whose probability reaches the threshold raises an {@link Alarm} (at most one per
 * title and cool-down) carrying the objects to prefetch. What the API reads is an immutable {@link
 * PredictionView} published at each tick.
 *
 * <p>Not thread-safe: everything but {@link #view()} runs on the predictor's one thread ({@link
 * PredictorThread}), which is what lets the model, the signals and the labels be plain arrays.
 */
public final class EdgePredictor implements EdgeSignals.Listener, SpikeLabels.Learner {
  private static final Logger log = LoggerFactory.getLogger(EdgePredictor.class);
  static final int HIDDEN = 16;

  /** Labels waiting for their future: a tick of 4,096 titles is about 800 samples. */
  private static final int PENDING = 65_536;

  private static final int TITLES_SHOWN = 20;
  private static final int HERE = 0;
  private static final int ELSEWHERE = 1;
  static final int CROSS_SITE_SECONDS = 30;
  private static final int MIN_SESSIONS = 10;
  private static final int MAX_SESSIONS = 300;

  private final String edge;
  private final String site;
  private final PredictConfig config;
  private final LongSupplier clock;
  private final EdgeSignals signals;
  private final SpikeLabels labels;
  private final FederatedEdge federated;
  private final AudienceMix mix = new AudienceMix();
  private final PrefetchPlan plan;
  private final SegmentNames segments = new SegmentNames();
  private final TitleNames names;
  private final LinkedHashMap<Long, Alarm> alarms = new LinkedHashMap<>();

  /**
   * The other sites' new-session rates as the controller last relayed them, read by the two
   * cross-site features: this edge's own titles are site {@value #HERE}, every other site is site
   * {@value #ELSEWHERE} (the controller sends the highest rate among them).
   */
  private final CrossSite crossSite = new CrossSite(2, CROSS_SITE_SECONDS);

  /**
   * This edge's titles starting at least {@link CrossSite#REPORT_FLOOR} a minute, for the relay.
   */
  private final LinkedHashMap<String, Double> reports = new LinkedHashMap<>();

  private final PredictMetrics metrics;
  private final List<TitleScore> batch = new ArrayList<>();
  private long batchAt;
  private long lastSecond = Long.MIN_VALUE;
  private long learned;
  private long spikes;
  private boolean joined;
  private volatile PredictionView view;

  /**
   * @param clock Unix milliseconds (a test's clock, or the system's)
   */
  public EdgePredictor(
      String edge, String site, PredictConfig config, PredictMetrics metrics, LongSupplier clock) {
    this.edge = edge;
    this.site = site;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.signals = new EdgeSignals(config.titles(), this, HERE, crossSite);
    this.labels = new SpikeLabels(SpikeLabels.Rule.DEFAULT, signals, PENDING, this);
    SpikeModel model = new SpikeModel(Feature.COUNT, HIDDEN, Sgd.DEFAULT, TitleKeys.of(edge));
    this.federated = new FederatedEdge(edge, model, new GlobalModel(0, model.sharedWeights()));
    this.plan = new PrefetchPlan(config.prefetchPositions(), config.prefetchProbability());
    this.names = new TitleNames(2 * config.titles());
    this.view = PredictionView.empty(edge, site, config.threshold());
  }

  /** Folds one viewer request. */
  void fold(ViewerRequest request) {
    ViewedObject o = ViewedObject.of(request);
    if (o == null) return;
    long key = TitleKeys.of(o.videoId());
    int rendition = segments.learn(o.rendition(), o.file(), o.segment());
    if (o.segment() < SegmentNames.FIRST_NUMBER) return; // init segments, playlists
    int position = o.segment() - SegmentNames.FIRST_NUMBER;
    advance(Math.max(lastSecond, request.timeMillis() / 1000));
    names.remember(key, o.videoId());
    mix.record(rendition, position);
    signals.request(lastSecond, key, position, o.cmcd());
    metrics.folded();
  }

  /** Drains the feed and closes every tick that ended by now; then publishes if one did. */
  void step(DemandFeed feed) {
    for (ViewerRequest r = feed.poll(); r != null; r = feed.poll()) fold(r);
    advance(Math.max(lastSecond, clock.getAsLong() / 1000));
    publishIfDue();
  }

  private void advance(long second) {
    if (second == lastSecond) return;
    lastSecond = second;
    signals.advanceTo(second);
    labels.mature(second);
    crossSite.relay(second);
  }

  @Override
  public void onTitle(int slot, long title, long now, float[] features) {
    if (now != batchAt) publishIfDue();
    batchAt = now;
    labels.observe(slot, now, features);
    SpikeModel model = federated.model();
    double p = model.probability(features);
    double expected = Math.expm1(model.expectedLogRequests(features));
    String videoId = names.of(title);
    if (videoId == null) return;
    double starts = signals.startsPerMinute1m(slot);
    if (starts >= CrossSite.REPORT_FLOOR && reports.size() < config.titles())
      reports.put(videoId, starts);
    batch.add(
        new TitleScore(
            videoId,
            p,
            expected,
            signals.startsPerMinute1m(slot),
            signals.requestsPerMinute1m(slot)));
    if (p >= config.threshold()) raise(title, videoId, now, p, expected);
  }

  private void raise(long title, String videoId, long now, double p, double expectedRequests) {
    Alarm last = alarms.get(title);
    if (last != null && now - last.raisedAt() < config.cooldown().toSeconds()) return;
    double sessions = expectedRequests / Math.max(1, mix.requestsPerStart());
    sessions = Math.max(MIN_SESSIONS, Math.min(MAX_SESSIONS, sessions));
    List<String> paths = new ArrayList<>();
    for (PrefetchPlan.Target t : plan.targets(mix, sessions))
      segments.paths(t.rendition(), t.position(), paths);
    Alarm alarm = new Alarm(videoId, now, p, config.threshold(), sessions, paths);
    alarms.remove(title);
    alarms.put(title, alarm);
    metrics.alarm();
    log.info(
        "edge {} ({}): alarm for {}: {}, {} objects to prefetch, model version {}",
        edge,
        site,
        videoId,
        alarm.reason(),
        paths.size(),
        federated.version());
  }

  @Override
  public void learn(float[] features, boolean spike, double logRequests, double weight) {
    federated.model().learn(features, spike, logRequests, weight);
    metrics.sample(spike);
    learned++;
    if (spike) spikes++;
  }

  private void publishIfDue() {
    if (batchAt == 0 || batchAt == view.at()) return;
    forgetOldAlarms();
    batch.sort(Comparator.comparingDouble(TitleScore::probability).reversed());
    List<TitleScore> shown = List.copyOf(batch.subList(0, Math.min(TITLES_SHOWN, batch.size())));
    List<Alarm> raised = new ArrayList<>(alarms.values());
    java.util.Collections.reverse(raised);
    view =
        new PredictionView(
            edge,
            site,
            batchAt,
            federated.version(),
            learned,
            spikes,
            config.threshold(),
            shown,
            raised);
    batch.clear();
    metrics.titles(signals.titlesHeld(), signals.untracked());
  }

  private void forgetOldAlarms() {
    long cooldown = config.cooldown().toSeconds();
    for (Iterator<Alarm> i = alarms.values().iterator(); i.hasNext(); )
      if (batchAt - i.next().raisedAt() >= cooldown) i.remove();
  }

  /** The last published view; any thread. */
  public PredictionView view() {
    return view;
  }

  // the federated rounds, on the predictor's thread (ModelExchange hands results back to it)

  long version() {
    return federated.version();
  }

  boolean joined() {
    return joined;
  }

  /**
   * This round's update, or null before the edge has taken the controller's model once. An update
   * without samples is sent all the same (the round counts it {@code empty}): labels are known only
   * 10 minutes after their sample, and the controller should see the edge before that.
   */
  org.telcocdn.predict.model.ModelUpdate update() {
    return joined ? federated.update() : null;
  }

  /** The titles' rates to report to the controller since the last report; starts again. */
  java.util.Map<String, Double> takeReports() {
    java.util.Map<String, Double> out = java.util.Map.copyOf(reports);
    reports.clear();
    return out;
  }

  /** The controller's digest: the highest rate of each title at another site. */
  void elsewhere(java.util.Map<String, Double> rates) {
    rates.forEach((id, rate) -> crossSite.report(ELSEWHERE, TitleKeys.of(id), lastSecond, rate));
  }

  /** A global model from the controller: taken if not older; the local part stays. */
  boolean adopt(GlobalModel global) {
    if (joined && global.version() <= federated.version()) return false;
    if (global.weights().length != federated.model().sharedWeights().length) {
      throw new IllegalArgumentException(
          "a global model of "
              + global.weights().length
              + " weights; this edge's model has "
              + federated.model().sharedWeights().length);
    }
    federated.adopt(global);
    joined = true;
    metrics.version(global.version());
    return true;
  }
}
