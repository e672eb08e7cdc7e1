package org.telcocdn.cache.predict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the predictor published at its last tick, immutable, read by the API without a lock.
 *
 * @param at the tick's end (Unix seconds; 0 before the first)
 * @param titles the titles of that tick with the highest probabilities, highest first
 * @param alarms alarms raised within the cool-down, newest first
 */
record PredictionView(
    String edge,
    String site,
    long at,
    long modelVersion,
    long samples,
    long spikes,
    double threshold,
    List<TitleScore> titles,
    List<Alarm> alarms) {

  static PredictionView empty(String edge, String site, double threshold) {
    return new PredictionView(edge, site, 0, -1, 0, 0, threshold, List.of(), List.of());
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("edge", edge);
    m.put("site", site);
    m.put("at", at);
    m.put("modelVersion", modelVersion);
    m.put("samples", samples);
    m.put("spikes", spikes);
    m.put("threshold", threshold);
    m.put("alarms", alarms.stream().map(Alarm::toJson).toList());
    m.put("titles", titles.stream().map(TitleScore::toJson).toList());
    return m;
  }
}
