package org.telcocdn.predict.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.telcocdn.cache.policy.SegmentKey;
import org.telcocdn.cache.policy.VideoIds;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.model.FedAvg;
import org.telcocdn.predict.model.FederatedEdge;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelStore;
import org.telcocdn.predict.model.ModelUpdate;
import org.telcocdn.predict.model.SpikeModel;
import org.telcocdn.predict.signal.CrossSite;
import org.telcocdn.predict.signal.Feature;

/**
 * One pass over a trace of several sites: each request goes to its site's edge for the title, every
 * edge ticks at the same moments, samples mature into labels and train the models, and every {@link
 * ReplaySettings#roundSeconds()} the federated edges send their updates to a {@link FedAvg} and
 * take the new global model back, as the controller will run it. Prequential: every score is made
 * before the samples of its own future are learned. Deterministic for a trace and settings.
 */
public final class Replay {
  /** What the pass leaves: each method's scores, and how the learning went. */
  public record Tapes(
      EnumMap<Method, ScoreTape> byMethod,
      long start,
      long end,
      int sites,
      long samples,
      long spikes,
      long rounds,
      long untracked,
      ModelStore models) {}

  private final ReplaySettings settings;
  private final ModelStore start;

  public Replay(ReplaySettings settings) {
    this(settings, new ModelStore());
  }

  /**
   * A replay whose models start from {@code start} (an earlier day's, by name; missing ones start
   * afresh).
   */
  public Replay(ReplaySettings settings, ModelStore start) {
    this.settings = settings;
    this.start = start;
  }

  public Tapes run(Trace trace) {
    int sites = trace.siteCount();
    SiteEdges route = new SiteEdges(settings.edgesPerSite());
    EnumMap<Method, ScoreTape> tapes = new EnumMap<>(Method.class);
    for (Method m : settings.methods()) tapes.put(m, new ScoreTape());
    SpikeModel central = model("centralised.shared", "centralised.local");
    FedAvg controller =
        new FedAvg(
            new GlobalModel(0, model(ModelStore.FEDERATED_GLOBAL, null).sharedWeights()),
            1_000_000);
    CrossSite crossSite =
        settings.crossSiteSeconds() > 0 ? new CrossSite(sites, settings.crossSiteSeconds()) : null;
    List<EdgeRuntime> edges = new ArrayList<>();
    for (int e = 0; e < sites * settings.edgesPerSite(); e++) {
      FederatedEdge fed =
          new FederatedEdge("e" + e, model(null, "federated.local.e" + e), controller.current());
      SpikeModel local = model("local-only.shared.e" + e, "local-only.local.e" + e);
      edges.add(
          new EdgeRuntime(
              e / settings.edgesPerSite(), settings, fed, local, central, tapes, crossSite));
    }
    long first = trace.length() == 0 ? 0 : trace.time(0);
    long nextRound = first + settings.roundSeconds();
    long rounds = 0;
    for (int i = 0; i < trace.length(); i++) {
      long now = trace.time(i);
      if (i == 0 || now != trace.time(i - 1)) {
        for (EdgeRuntime edge : edges) {
          edge.signals.advanceTo(now);
          edge.labels.mature(now);
        }
        if (crossSite != null) crossSite.relay(now);
        while (now >= nextRound) {
          round(controller, edges);
          rounds++;
          nextRound += settings.roundSeconds();
        }
      }
      SegmentKey key = VideoIds.shape(trace.id(i));
      if (!key.isSegment()) continue;
      int site = trace.site(i);
      edges.get(route.edgeOf(site, key.title())).signals.request(now, key.title(), key.index());
    }
    long samples = edges.stream().mapToLong(e -> e.samples).sum();
    long spikes = edges.stream().mapToLong(e -> e.spikes).sum();
    long untracked = edges.stream().mapToLong(e -> e.signals.untracked()).sum();
    long end = trace.length() == 0 ? 0 : trace.time(trace.length() - 1);
    return new Tapes(
        tapes,
        first,
        end,
        sites,
        samples,
        spikes,
        rounds,
        untracked,
        models(central, controller, edges));
  }

  /**
   * A fresh model, with the shared and local parts stored under these names when the start has
   * them.
   */
  private SpikeModel model(String sharedName, String localName) {
    SpikeModel m =
        new SpikeModel(Feature.COUNT, settings.hidden(), settings.sgd(), settings.seed());
    float[] shared = sharedName == null ? null : start.get(sharedName);
    float[] local = localName == null ? null : start.get(localName);
    if (shared != null) m.adoptShared(shared);
    if (local != null) m.adoptLocal(local);
    return m;
  }

  private static ModelStore models(SpikeModel central, FedAvg controller, List<EdgeRuntime> edges) {
    ModelStore store =
        new ModelStore()
            .put("centralised.shared", central.sharedWeights())
            .put("centralised.local", central.localWeights())
            .put(ModelStore.FEDERATED_GLOBAL, controller.current().weights());
    for (int e = 0; e < edges.size(); e++) {
      store.put("federated.local.e" + e, edges.get(e).federated.model().localWeights());
      store.put("local-only.shared.e" + e, edges.get(e).localOnly().sharedWeights());
      store.put("local-only.local.e" + e, edges.get(e).localOnly().localWeights());
    }
    return store;
  }

  private static void round(FedAvg controller, List<EdgeRuntime> edges) {
    List<ModelUpdate> updates = new ArrayList<>(edges.size());
    for (EdgeRuntime e : edges) updates.add(e.federated.update());
    GlobalModel global = controller.aggregate(updates).model();
    for (EdgeRuntime e : edges) e.federated.adopt(global);
  }
}
