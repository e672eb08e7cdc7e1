package org.telcocdn.controller.predict;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.common.json.Json;
import org.telcocdn.controller.trigger.Extensions;

/**
 * Acting on the edges' alarms (docs/prediction.md, "Online"): every poll, each UP edge's {@code GET
 * /internal/predictions} is read; an alarm not seen before for its title and site becomes a
 * preposition trigger (RFC 8007, through the controller's own trigger runner) for the objects the
 * alarm names (the title's first segments on the renditions the site's sessions start on) at that
 * site, at high priority, unless that title was prepositioned there within the cool-down. Each
 * decision is a {@link SpikeAction}, logged with its reason and counted. Every new alarm also
 * boosts the title in its site's next allocations ({@link SpikeBoosts}).
 */
public final class SpikeActions {
  private static final Logger log = LoggerFactory.getLogger(SpikeActions.class);
  static final String MARKER = "telcocdn.Prediction";
  private static final int RECENT = 100;
  private static final int REMEMBERED = 10_000;

  /** An edge whose alarms are read. */
  public record Edge(String name, String site, String controlUrl) {}

  private final Supplier<List<Edge>> edges;
  private final JsonHttpClient http;
  private final Function<JsonNode, String> submit;
  private final PredictSettings settings;
  private final PredictionMetrics metrics;
  private final SpikeBoosts boosts;
  private final Clock clock;

  /** site|title → when it was last prepositioned (Unix seconds); oldest first out. */
  private final LinkedHashMap<String, Long> acted = bounded();

  /** site|title|edge|raisedAt of alarms already decided on, so a poll does not count one twice. */
  private final LinkedHashMap<String, Long> seen = bounded();

  private final ArrayDeque<Map<String, Object>> recent = new ArrayDeque<>();

  private final SitePredictions sites = new SitePredictions();

  /**
   * @param submit submits a CI/T trigger ({@code {"type": ...}}) and returns its id
   */
  SpikeActions(
      Supplier<List<Edge>> edges,
      JsonHttpClient http,
      Function<JsonNode, String> submit,
      PredictSettings settings,
      PredictionMetrics metrics,
      SpikeBoosts boosts,
      Clock clock) {
    this.boosts = boosts;
    this.edges = edges;
    this.http = http;
    this.submit = submit;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Reads every edge's alarms and acts on the new ones. The edges are read before the lock is
   * taken: an edge slow to answer (up to the client's time-out) must not hold up {@code GET
   * /api/predict}, which reads the decisions under the same lock. Only the timer calls this.
   */
  public void poll() {
    Map<Edge, JsonNode> views = new LinkedHashMap<>();
    for (Edge edge : edges.get()) {
      try {
        views.put(edge, http.get(edge.controlUrl() + "/internal/predictions", JsonNode.class));
      } catch (RuntimeException e) {
        log.debug("predictions of edge {} not read: {}", edge.name(), e.getMessage());
      }
    }
    decide(views);
  }

  private synchronized void decide(Map<Edge, JsonNode> views) {
    views.forEach(
        (edge, view) -> {
          sites.observe(edge, view);
          for (JsonNode alarm : view.path("alarms")) consider(edge, alarm);
        });
    sites.pollDone();
  }

  private void consider(Edge edge, JsonNode alarm) {
    String videoId = alarm.path("videoId").asText("");
    String key = edge.site() + "|" + videoId;
    String once = key + "|" + edge.name() + "|" + alarm.path("raisedAt").asLong();
    if (videoId.isEmpty() || seen.containsKey(once)) return;
    seen.put(once, 0L);
    // The allocation's share follows every alarm, whatever becomes of its preposition: the title is
    // predicted to draw its site's crowd either way.
    boosts.raise(edge.site(), videoId, alarm.path("reason").asText(""));
    long now = clock.instant().getEpochSecond();
    Long last = acted.get(key);
    List<String> paths = new ArrayList<>();
    alarm.path("paths").forEach(p -> paths.add(p.asText()));
    SpikeAction action;
    String trigger = null;
    if (last != null && now - last < settings.cooldown().toSeconds()) action = SpikeAction.COOLDOWN;
    else if (paths.isEmpty()) action = SpikeAction.NO_PLAN;
    else {
      try {
        trigger = submit.apply(command(edge, videoId, paths, alarm));
        acted.put(key, now);
        action = SpikeAction.PREPOSITIONED;
      } catch (RuntimeException e) {
        log.warn(
            "preposition for {} at {} not submitted: {}", videoId, edge.site(), e.getMessage());
        action = SpikeAction.FAILED;
      }
    }
    record(edge, videoId, alarm, paths.size(), action, trigger);
  }

  private void record(
      Edge edge, String videoId, JsonNode alarm, int objects, SpikeAction action, String trigger) {
    String reason = alarm.path("reason").asText("");
    metrics.action(action);
    log.info(
        "prediction {} for {} at {} (edge {}): {}; {} objects{}",
        action.label(),
        videoId,
        edge.site(),
        edge.name(),
        reason,
        objects,
        trigger == null ? "" : ", trigger " + trigger);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", clock.instant().getEpochSecond());
    m.put("site", edge.site());
    m.put("edge", edge.name());
    m.put("videoId", videoId);
    m.put("probability", alarm.path("probability").asDouble());
    m.put("action", action.label());
    m.put("reason", reason);
    m.put("objects", objects);
    if (trigger != null) m.put("trigger", trigger);
    recent.addFirst(m);
    if (recent.size() > RECENT) recent.removeLast();
  }

  /** The trigger: these objects, at this site only, at the configured priority. */
  private JsonNode command(Edge edge, String videoId, List<String> paths, JsonNode alarm) {
    String base = edge.controlUrl() + "/videos/" + videoId + "/";
    return Json.MAPPER.valueToTree(
        Map.of(
            "type",
            "preposition",
            "content.urls",
            paths.stream().map(p -> base + p).toList(),
            "extensions",
            List.of(
                Extensions.siteOnly(edge.site()),
                Extensions.of("CIT.ExecutionPolicy", Map.of("priority", settings.priority()), true),
                Extensions.of(
                    MARKER,
                    Map.of(
                        "site", edge.site(),
                        "edge", edge.name(),
                        "probability", alarm.path("probability").asDouble(),
                        "reason", alarm.path("reason").asText("")),
                    false))));
  }

  synchronized List<Map<String, Object>> recent() {
    return List.copyOf(recent);
  }

  /** Per site: the titles predicted at or above {@code floor} and the site's last decisions. */
  List<Map<String, Object>> sites(double floor) {
    return sites.toJson(floor, recent());
  }

  private static LinkedHashMap<String, Long> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
