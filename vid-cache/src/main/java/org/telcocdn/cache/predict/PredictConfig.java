package org.telcocdn.cache.predict;

import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Demand-spike prediction at the edge ({@code edge.predict.*}, docs/configuration.md and
 * docs/prediction.md).
 *
 * @param enabled whether viewer requests feed the model at all
 * @param titles titles followed at once (fixed memory: about 5 KB each with the labels' rings)
 * @param threshold the model's probability at or above which the edge raises an alarm for a title
 * @param controllerUrl the controller's control URL for federated rounds; empty: the edge learns
 *     alone
 * @param round how often the edge sends its model update to the controller
 * @param cooldown at most one alarm per title in this long (the evaluation's alarm rule: 30 min)
 * @param prefetchPositions the first segment positions an alarm's prefetch plan may name
 * @param prefetchProbability how likely one of the expected sessions must be to ask for an object
 *     for the plan to name it
 * @param queue viewer requests waiting for the predictor at most; past that they are dropped and
 *     counted, so a burst never grows memory or slows a viewer
 */
public record PredictConfig(
    boolean enabled,
    int titles,
    double threshold,
    String controllerUrl,
    Duration round,
    Duration cooldown,
    int prefetchPositions,
    double prefetchProbability,
    int queue) {

  public PredictConfig {
    if (!(threshold > 0 && threshold < 1))
      throw new ConfigException("edge.predict.threshold must be in (0, 1), was " + threshold);
    if (!(prefetchProbability > 0 && prefetchProbability < 1))
      throw new ConfigException(
          "edge.predict.prefetch-probability must be in (0, 1), was " + prefetchProbability);
    if (round.toSeconds() < 5)
      throw new ConfigException("edge.predict.round must be at least 5s, was " + round);
    controllerUrl =
        controllerUrl.endsWith("/")
            ? controllerUrl.substring(0, controllerUrl.length() - 1)
            : controllerUrl;
  }

  public static PredictConfig from(Settings s) {
    return new PredictConfig(
        s.bool("edge.predict.enabled", true),
        s.intValue("edge.predict.titles", 4096, 16, 1_000_000),
        number(s, "edge.predict.threshold", 0.652),
        s.string("edge.predict.controller-url", ""),
        s.duration("edge.predict.round", Duration.ofMinutes(5)),
        s.duration("edge.predict.cooldown", Duration.ofMinutes(30)),
        s.intValue("edge.predict.prefetch-positions", 30, 1, 64),
        number(s, "edge.predict.prefetch-probability", 0.6),
        s.intValue("edge.predict.queue", 16_384, 16, 1 << 20));
  }

  public boolean federated() {
    return !controllerUrl.isBlank();
  }

  private static double number(Settings s, String key, double fallback) {
    String value = s.string(key, Double.toString(fallback));
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number, was '" + value + "'");
    }
  }
}
