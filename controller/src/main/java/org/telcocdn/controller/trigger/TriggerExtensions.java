package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.telcocdn.common.http.ApiException;

/**
 * The trigger extensions this CDN enforces (SVTA Open Caching, the CDNI triggers extensions draft):
 * {@code CIT.LocationPolicy} (allow or deny sites), {@code CIT.TimePolicy} (fill windows in Unix
 * seconds) and {@code CIT.ExecutionPolicy} (priority from -100 to 100, a maximum fill rate in bytes
 * per second per edge). An unknown extension marked {@code mandatory-to-enforce} is refused (400);
 * an unknown optional one is ignored, as the draft says.
 */
record TriggerExtensions(
    Set<String> allow, Set<String> deny, List<TimeWindow> windows, int priority, long maxRate) {

  static final String LOCATION = "CIT.LocationPolicy";
  static final String TIME = "CIT.TimePolicy";
  static final String EXECUTION = "CIT.ExecutionPolicy";
  private static final int MAX_WINDOWS = 64;

  static TriggerExtensions parse(JsonNode extensions, Set<String> knownSites, long now) {
    TriggerExtensions out =
        new TriggerExtensions(new TreeSet<>(), new TreeSet<>(), new ArrayList<>(), 0, 0);
    if (extensions.isMissingNode() || extensions.isNull()) return out;
    if (!extensions.isArray())
      throw ApiException.badRequest("trigger.extensions: must be an array of extension objects");
    for (int i = 0; i < extensions.size(); i++) {
      out = out.with(extensions.get(i), "trigger.extensions[" + i + "]", knownSites, now);
    }
    out.windows.sort(Comparator.comparingLong(TimeWindow::start));
    return new TriggerExtensions(
        Set.copyOf(out.allow),
        Set.copyOf(out.deny),
        List.copyOf(out.windows),
        out.priority,
        out.maxRate);
  }

  private TriggerExtensions with(JsonNode ext, String field, Set<String> knownSites, long now) {
    if (!ext.isObject()) throw ApiException.badRequest(field + ": must be an object");
    String type = ext.path("generic-trigger-extension-type").asText("");
    JsonNode value = ext.path("generic-trigger-extension-value");
    String valueField = field + ".generic-trigger-extension-value";
    switch (type) {
      case LOCATION -> locations(value, valueField, knownSites);
      case TIME -> windows(value, valueField, knownSites == null ? Long.MIN_VALUE : now);
      case EXECUTION -> {
        return execution(value, valueField);
      }
      default -> {
        if (ext.path("mandatory-to-enforce").asBoolean(false)) {
          throw new ApiException(
              400,
              "eunsupported",
              field + ": extension '" + type + "' is mandatory-to-enforce and not supported here");
        }
      }
    }
    return this;
  }

  private void locations(JsonNode value, String field, Set<String> knownSites) {
    JsonNode locations = value.path("locations");
    if (!locations.isArray() || locations.isEmpty())
      throw ApiException.badRequest(field + ".locations: must be a non-empty array");
    for (int i = 0; i < locations.size(); i++) {
      String at = field + ".locations[" + i + "]";
      JsonNode location = locations.get(i);
      String action = location.path("action").asText("");
      if (!action.equals("allow") && !action.equals("deny"))
        throw ApiException.badRequest(at + ".action: must be allow or deny");
      JsonNode footprints = location.path("footprints");
      if (!footprints.isArray() || footprints.isEmpty())
        throw ApiException.badRequest(at + ".footprints: must be a non-empty array");
      for (int j = 0; j < footprints.size(); j++) {
        Set<String> sites = sites(footprints.get(j), at + ".footprints[" + j + "]", knownSites);
        (action.equals("allow") ? allow : deny).addAll(sites);
      }
    }
  }

  /**
   * Footprints of type {@code site} (a site of the topology). RFC 8006's IP and AS footprints would
   * need the broker's coverage zones to mean a site; they are refused rather than ignored.
   */
  private static Set<String> sites(JsonNode footprint, String field, Set<String> knownSites) {
    String type = footprint.path("footprint-type").asText("");
    if (!type.equals("site")) {
      throw new ApiException(
          400,
          "eunsupported",
          field + ".footprint-type: '" + type + "' is not supported here; use \"site\"");
    }
    JsonNode values = footprint.path("footprint-value");
    if (!values.isArray() || values.isEmpty())
      throw ApiException.badRequest(field + ".footprint-value: must be a non-empty array of sites");
    Set<String> sites = new TreeSet<>();
    for (JsonNode v : values) {
      String site = v.asText("");
      if (knownSites != null && !knownSites.contains(site)) {
        throw ApiException.badRequest(
            field
                + ".footprint-value: unknown site '"
                + site
                + "' (known: "
                + new TreeSet<>(knownSites)
                + ")");
      }
      sites.add(site);
    }
    return sites;
  }

  /**
   * {@code {"windows": [{"start", "end"}...]}} or the draft's {@code {"unix-time-window": {...}}}.
   */
  private void windows(JsonNode value, String field, long now) {
    JsonNode list = value.has("windows") ? value.path("windows") : value.path("unix-time-window");
    String at = field + (value.has("windows") ? ".windows" : ".unix-time-window");
    List<JsonNode> entries = new ArrayList<>();
    if (list.isArray()) list.forEach(entries::add);
    else if (list.isObject()) entries.add(list);
    if (entries.isEmpty() || entries.size() > MAX_WINDOWS)
      throw ApiException.badRequest(
          at + ": must hold 1 to " + MAX_WINDOWS + " windows {start, end}");
    for (int i = 0; i < entries.size(); i++) {
      windows.add(window(entries.get(i), list.isArray() ? at + "[" + i + "]" : at, now));
    }
  }

  private static TimeWindow window(JsonNode w, String field, long now) {
    if (!w.path("start").canConvertToLong() || !w.path("end").canConvertToLong())
      throw ApiException.badRequest(field + ": start and end must be Unix times in seconds");
    long start = w.path("start").asLong();
    long end = w.path("end").asLong();
    if (end <= start)
      throw ApiException.badRequest(field + ".end: " + end + " is not after start " + start);
    if (end <= now)
      throw ApiException.badRequest(field + ".end: " + end + " is in the past (now " + now + ")");
    return new TimeWindow(start, end);
  }

  private TriggerExtensions execution(JsonNode value, String field) {
    int p = priority;
    long rate = maxRate;
    if (value.has("priority")) {
      if (!value.path("priority").canConvertToInt()
          || Math.abs(value.path("priority").asInt()) > 100)
        throw ApiException.badRequest(field + ".priority: must be a whole number from -100 to 100");
      p = value.path("priority").asInt();
    }
    if (value.has("max-fill-rate")) {
      if (!value.path("max-fill-rate").canConvertToLong()
          || value.path("max-fill-rate").asLong() < 1)
        throw ApiException.badRequest(
            field + ".max-fill-rate: must be bytes per second, at least 1");
      rate = value.path("max-fill-rate").asLong();
    }
    return new TriggerExtensions(allow, deny, windows, p, rate);
  }
}
