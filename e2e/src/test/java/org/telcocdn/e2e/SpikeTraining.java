package org.telcocdn.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.telcocdn.predict.label.SpikeLabels;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelCodec;
import org.telcocdn.predict.model.Sgd;
import org.telcocdn.predict.model.SpikeModel;
import org.telcocdn.predict.signal.EdgeSignals;
import org.telcocdn.predict.signal.Feature;

/**
 * The model {@link DemandSpikeIT}'s controller starts from ({@code controller.predict.model}):
 * trained here, before the stack starts, by the same classes an edge runs ({@link EdgeSignals},
 * {@link SpikeLabels}, {@link SpikeModel}) on a simulated day of {@link SpikeLoad} crowds, one
 * every 25 minutes at shifting times of day, each a title first requested {@link SpikeLoad#WARM}
 * seconds before its ramp (as the live one is), with Poisson session starts. A live test cannot
 * give a model a day of history; this is that day, made of the same crowd shape the test then
 * drives. The titles are other keys than the live ones: what is learned is the shape, not the
 * title.
 */
final class SpikeTraining {
  private static final int HIDDEN = 16;
  private static final int CYCLE = 1500;
  private static final int DAYS = 3;

  private SpikeTraining() {}

  /** Writes the trained shared part as a version-0 global model ({@code ModelCodec}). */
  static Path write(Path file) throws IOException {
    SpikeModel model = new SpikeModel(Feature.COUNT, HIDDEN, Sgd.DEFAULT, 19);
    EdgeSignals[] signals = new EdgeSignals[1];
    SpikeLabels[] labels = new SpikeLabels[1];
    signals[0] = new EdgeSignals(64, (slot, title, now, x) -> labels[0].observe(slot, now, x));
    labels[0] = new SpikeLabels(SpikeLabels.Rule.DEFAULT, signals[0], 65_536, model::learn);
    SplittableRandom random = new SplittableRandom(19);
    long start = 1_796_000_000L;
    for (int t = 0; t < DAYS * 86_400; t++) {
      long now = start + t;
      signals[0].advanceTo(now);
      labels[0].mature(now);
      int cycle = t / CYCLE;
      int into = t % CYCLE - (CYCLE - SpikeLoad.length() - 240);
      if (into >= 0) {
        // every other cycle the new title never takes off: a title's youth is no crowd by itself
        double crowd = cycle % 2 == 0 ? crowdAfterPeak(into) : SpikeLoad.CALM;
        sessions(signals[0], now, 1_000_000 + cycle, poisson(random, crowd / 60));
        // and a new title at a steady rate, as the live test's background title is
        double steady = 1 + cycle % 8;
        sessions(signals[0], now, 2_000_000 + cycle, poisson(random, steady / 60));
      }
      sessions(signals[0], now, 1, poisson(random, SpikeLoad.BACKGROUND / 60));
    }
    byte[] bytes = ModelCodec.encode(new GlobalModel(0, model.sharedWeights()));
    return Files.write(file, bytes);
  }

  /** The load's rate, and after its hold a decay back to calm over four minutes. */
  private static double crowdAfterPeak(int t) {
    if (t < SpikeLoad.length()) return SpikeLoad.crowdPerMinute(t);
    double decay = 1 - (t - SpikeLoad.length()) / 240.0;
    return Math.max(SpikeLoad.CALM, SpikeLoad.PEAK * decay);
  }

  private static void sessions(EdgeSignals signals, long now, long title, int count) {
    for (int s = 0; s < count; s++)
      for (int position = 0; position < SpikeLoad.SEGMENTS; position++)
        signals.request(now, title, position);
  }

  private static int poisson(SplittableRandom random, double mean) {
    int n = 0;
    for (double p = Math.exp(-mean), u = random.nextDouble(), sum = p; u > sum; sum += p)
      p *= mean / ++n;
    return n;
  }
}
