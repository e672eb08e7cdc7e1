package org.telcocdn.predict.model;

/**
 * An edge's side of federated averaging: its {@link SpikeModel} learns from every labelled sample;
 * at a round it sends the shared part with the samples learned since the last round and the version
 * it started from, then takes whatever global model the controller answers with, keeping its local
 * part.
 */
public final class FederatedEdge {
  private final String name;
  private final SpikeModel model;
  private long version;

  public FederatedEdge(String name, SpikeModel model, GlobalModel start) {
    this.name = name;
    this.model = model;
    adopt(start);
  }

  public SpikeModel model() {
    return model;
  }

  public long version() {
    return version;
  }

  /** This round's update; the sample count starts again from 0. */
  public ModelUpdate update() {
    return new ModelUpdate(name, version, model.takeSamples(), model.sharedWeights());
  }

  /** Takes a global model; one older than what the edge has is ignored. */
  public void adopt(GlobalModel global) {
    if (global.version() < version) return;
    model.adoptShared(global.weights());
    version = global.version();
  }
}
