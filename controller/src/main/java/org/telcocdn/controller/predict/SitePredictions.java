package org.telcocdn.controller.predict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the operator page shows per site (docs/prediction.md, "The operator page"): the titles the
 * site's edges predicted at their last tick, as read by the last {@link SpikeActions#poll()}, and
 * the decisions taken for that site. An edge that did not answer the last poll is not shown: its
 * view would be as old as its silence.
 *
 * <p>Bounded: each edge sends at most its 20 most likely titles and its alarms of one cool-down;
 * only the last poll's views are kept; a site shows at most {@link #TITLES} titles and {@link
 * #ACTIONS} decisions.
 */
final class SitePredictions {
  static final int TITLES = 20;
  static final int ACTIONS = 10;

  /** One title as one edge last saw it. */
  record Title(String videoId, String edge, double probability, boolean alarm, long requests) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("videoId", videoId);
      m.put("edge", edge);
      m.put("probability", probability);
      m.put("alarm", alarm);
      m.put("expectedRequests", requests);
      return m;
    }
  }

  /** One edge's last view: when it was computed and its titles. */
  private record EdgeView(String site, long at, List<Title> titles) {}

  private volatile Map<String, EdgeView> last = Map.of();
  private Map<String, EdgeView> polling = new LinkedHashMap<>();

  /** An edge's {@code /internal/predictions}, read in the poll under way. */
  void observe(SpikeActions.Edge edge, JsonNode view) {
    Set<String> alarmed = new HashSet<>();
    view.path("alarms").forEach(a -> alarmed.add(a.path("videoId").asText("")));
    List<Title> titles = new ArrayList<>();
    for (JsonNode t : view.path("titles")) {
      String id = t.path("videoId").asText("");
      if (!id.isEmpty())
        titles.add(
            new Title(
                id,
                edge.name(),
                t.path("probability").asDouble(),
                alarmed.remove(id),
                t.path("expectedRequests").asLong()));
    }
    // An alarm of the cool-down whose title is no longer among the tick's most likely ones.
    for (JsonNode a : view.path("alarms")) {
      String id = a.path("videoId").asText("");
      if (alarmed.remove(id))
        titles.add(new Title(id, edge.name(), a.path("probability").asDouble(), true, 0));
    }
    polling.put(edge.name(), new EdgeView(edge.site(), view.path("at").asLong(), titles));
  }

  /** The poll is over: its views replace the previous poll's. */
  void pollDone() {
    last = Map.copyOf(polling);
    polling = new LinkedHashMap<>();
  }

  /**
   * Per site (by name): its edges' titles with an alarm or a probability of at least {@code floor},
   * most likely first, one row per title (the edge that gives it the highest probability), and the
   * site's last decisions from {@code actions} (newest first).
   */
  List<Map<String, Object>> toJson(double floor, List<Map<String, Object>> actions) {
    Map<String, Map<String, Title>> bySite = new TreeMap<>();
    Map<String, Long> at = new TreeMap<>();
    last.values()
        .forEach(
            v -> {
              at.merge(v.site(), v.at(), Math::max);
              Map<String, Title> titles = bySite.computeIfAbsent(v.site(), s -> new TreeMap<>());
              for (Title t : v.titles())
                if (t.alarm() || t.probability() >= floor)
                  titles.merge(t.videoId(), t, SitePredictions::top);
            });
    actions.forEach(a -> bySite.computeIfAbsent((String) a.get("site"), s -> new TreeMap<>()));
    List<Map<String, Object>> sites = new ArrayList<>();
    bySite.forEach(
        (site, titles) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("site", site);
          m.put("at", at.getOrDefault(site, 0L));
          m.put(
              "titles",
              titles.values().stream()
                  .sorted(
                      Comparator.comparing(Title::alarm)
                          .thenComparingDouble(Title::probability)
                          .reversed())
                  .limit(TITLES)
                  .map(Title::toJson)
                  .toList());
          m.put(
              "actions",
              actions.stream().filter(a -> site.equals(a.get("site"))).limit(ACTIONS).toList());
          sites.add(m);
        });
    return sites;
  }

  private static Title top(Title a, Title b) {
    boolean alarm = a.alarm() || b.alarm();
    Title best = a.probability() >= b.probability() ? a : b;
    return new Title(best.videoId(), best.edge(), best.probability(), alarm, best.requests());
  }
}
