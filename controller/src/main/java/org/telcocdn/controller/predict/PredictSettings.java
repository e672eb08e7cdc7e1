package org.telcocdn.controller.predict;

import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * The controller's side of demand-spike prediction ({@code controller.predict.*},
 * docs/configuration.md and docs/prediction.md).
 *
 * @param enabled whether the controller runs federated rounds and acts on the edges' alarms
 * @param round how often the edges' updates are averaged into a new global model
 * @param model the global model to start from: a file ({@code ModelCodec}'s global form or a {@code
 *     cdn predict tune} model store), {@value FederatedRounds#BUNDLED} (the model tuned offline and
 *     shipped in this jar), or empty: a fresh one
 * @param poll how often every UP edge's alarms are read
 * @param cooldown at most one preposition per title and site in this long
 * @param priority the preposition triggers' {@code CIT.ExecutionPolicy} priority (-100 to 100)
 * @param boost how long an alarm ranks its title first in its site's allocation ({@link
 *     SpikeBoosts})
 */
public record PredictSettings(
    boolean enabled,
    Duration round,
    String model,
    Duration poll,
    Duration cooldown,
    int priority,
    Duration boost) {

  public PredictSettings {
    if (round.toSeconds() < 5)
      throw new ConfigException("controller.predict.round must be at least 5s, was " + round);
    if (poll.toMillis() < 100)
      throw new ConfigException("controller.predict.poll must be at least 100ms, was " + poll);
    if (boost.isNegative())
      throw new ConfigException("controller.predict.boost must be 0 or more, was " + boost);
  }

  public static final PredictSettings DEFAULTS =
      new PredictSettings(
          true,
          Duration.ofMinutes(5),
          "",
          Duration.ofSeconds(5),
          Duration.ofMinutes(30),
          100,
          Duration.ofMinutes(30));

  public static PredictSettings from(Settings s) {
    return new PredictSettings(
        s.bool("controller.predict.enabled", true),
        s.duration("controller.predict.round", DEFAULTS.round()),
        s.string("controller.predict.model", "").strip(),
        s.duration("controller.predict.poll", DEFAULTS.poll()),
        s.duration("controller.predict.cooldown", DEFAULTS.cooldown()),
        s.intValue("controller.predict.priority", DEFAULTS.priority(), -100, 100),
        s.duration("controller.predict.boost", DEFAULTS.boost()));
  }
}
