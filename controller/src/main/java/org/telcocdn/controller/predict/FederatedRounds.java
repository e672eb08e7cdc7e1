package org.telcocdn.controller.predict;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.predict.model.FedAvg;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelCodec;
import org.telcocdn.predict.model.ModelStore;
import org.telcocdn.predict.model.ModelUpdate;
import org.telcocdn.predict.model.Sgd;
import org.telcocdn.predict.model.SpikeModel;
import org.telcocdn.predict.signal.Feature;

/**
 * The controller's side of federated averaging: edges' updates wait here, the latest per edge (so
 * at most one per edge, whatever an edge sends), until the round, which averages them weighted by
 * their samples ({@link FedAvg}: stale, empty and malformed ones are not averaged) into the next
 * global version. Every round is logged and counted, with or without a new version.
 */
public final class FederatedRounds {
  private static final Logger log = LoggerFactory.getLogger(FederatedRounds.class);

  /**
   * Hidden units of the edges' model ({@code EdgePredictor}); a model file of another shape is
   * refused.
   */
  static final int HIDDEN = 16;

  /** One edge cannot outweigh the rest by its count alone (as in the replay). */
  private static final long MAX_SAMPLES = 1_000_000;

  /** Edges whose updates wait at once at most: more than any topology, bounded all the same. */
  private static final int MAX_EDGES = 4096;

  private final FedAvg fedAvg;
  private final PredictionMetrics metrics;
  private final LinkedHashMap<String, ModelUpdate> pending = new LinkedHashMap<>();
  private long rounds;
  private FedAvg.Round last;

  FederatedRounds(GlobalModel initial, PredictionMetrics metrics) {
    this.fedAvg = new FedAvg(initial, MAX_SAMPLES);
    this.metrics = metrics;
    metrics.round(initial.version());
  }

  /**
   * {@code controller.predict.model}'s value naming the model shipped in this jar: the federated
   * global model {@code bench/predict/run.sh} tunes on its generated seed-1 day
   * (docs/prediction.md).
   */
  public static final String BUNDLED = "bundled";

  private static final String BUNDLED_RESOURCE = "spike-model.tcms";

  /**
   * The model {@code controller.predict.model} names: empty, a fresh one; {@value #BUNDLED}, the
   * shipped one; else a file, as {@link #initial(Path)} reads it.
   */
  public static GlobalModel initial(String setting) {
    if (setting.isEmpty())
      return new GlobalModel(
          0, new SpikeModel(Feature.COUNT, HIDDEN, Sgd.DEFAULT, 1).sharedWeights());
    if (!setting.equals(BUNDLED)) return initial(Path.of(setting));
    try (InputStream in = FederatedRounds.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) throw new IOException("not in this jar");
      return checked(decode(in.readAllBytes(), "the bundled model"), "the bundled model");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          "controller.predict.model " + BUNDLED + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * The model to start from: the file's ({@code ModelCodec} global form, or the federated global
   * model of a {@link ModelStore} from {@code cdn predict tune --model-out}).
   */
  public static GlobalModel initial(Path file) {
    try {
      return checked(decode(Files.readAllBytes(file), file.toString()), file.toString());
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          "controller.predict.model " + file + " cannot be read: " + e.getMessage());
    }
  }

  private static GlobalModel checked(GlobalModel model, String what) {
    int size = SpikeModel.sharedSize(Feature.COUNT, HIDDEN);
    if (model.weights().length != size)
      throw new ConfigException(
          "controller.predict.model "
              + what
              + " holds "
              + model.weights().length
              + " weights; the edges' model has "
              + size);
    return model;
  }

  /**
   * A {@code ModelCodec} global message, or what {@code cdn predict tune --model-out} writes
   * ({@link ModelStore}), whose federated global model becomes version 0: a model tuned offline is
   * shipped as it was written.
   */
  private static GlobalModel decode(byte[] bytes, String what) throws IOException {
    if (!ModelStore.startsAStore(bytes)) return ModelCodec.decodeGlobal(bytes);
    float[] global =
        ModelStore.read(new ByteArrayInputStream(bytes), what).get(ModelStore.FEDERATED_GLOBAL);
    if (global == null)
      throw new IOException(
          "a model store without "
              + ModelStore.FEDERATED_GLOBAL
              + " (not from a federated replay)");
    return new GlobalModel(0, global);
  }

  int weights() {
    return SpikeModel.sharedSize(Feature.COUNT, HIDDEN);
  }

  synchronized GlobalModel current() {
    return fedAvg.current();
  }

  /** Keeps an edge's update for the next round; an earlier one of the same edge is replaced. */
  synchronized void offer(ModelUpdate update) {
    if (pending.remove(update.edge()) != null) metrics.update(UpdateOutcome.REPLACED, 1);
    if (pending.size() >= MAX_EDGES) {
      String oldest = pending.keySet().iterator().next();
      pending.remove(oldest);
      metrics.update(UpdateOutcome.REPLACED, 1);
    }
    pending.put(update.edge(), update);
  }

  /** Averages what is pending into the next version (if any update counts); logs the round. */
  synchronized FedAvg.Round round() {
    List<ModelUpdate> updates = new ArrayList<>(pending.values());
    pending.clear();
    FedAvg.Round r = fedAvg.aggregate(updates);
    rounds++;
    last = r;
    metrics.round(r.model().version());
    metrics.update(UpdateOutcome.ACCEPTED, r.accepted());
    metrics.update(UpdateOutcome.STALE, r.stale());
    metrics.update(UpdateOutcome.EMPTY, r.empty());
    metrics.update(UpdateOutcome.WRONG_SHAPE, r.rejected());
    log.info(
        "federated round {}: model version {}, {} updates: {} averaged, {} stale, {} empty, {} rejected",
        rounds,
        r.model().version(),
        updates.size(),
        r.accepted(),
        r.stale(),
        r.empty(),
        r.rejected());
    return r;
  }

  synchronized Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", fedAvg.current().version());
    m.put("rounds", rounds);
    m.put("pending", pending.keySet().stream().toList());
    if (last != null)
      m.put(
          "lastRound",
          Map.of(
              "accepted", last.accepted(),
              "stale", last.stale(),
              "empty", last.empty(),
              "rejected", last.rejected()));
    return m;
  }
}
