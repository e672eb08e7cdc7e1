package org.telcocdn.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.video.VideoId;
import org.telcocdn.controller.trigger.Extensions;
import org.telcocdn.controller.trigger.Trigger;
import org.telcocdn.controller.trigger.TriggerCommand;
import org.telcocdn.controller.trigger.Triggers;

/**
 * The nightly fill (as Netflix Open Connect fills its appliances off-peak): once a night, when the
 * {@code controller.nightly.window} (UTC) opens, one preposition trigger per site with UP edges, of
 * the batch job's top titles for that site ({@code summary.json}'s {@code topPerSite}) followed by
 * its trending titles, in that order, while their whole sizes (from the catalog) fit {@code
 * controller.nightly.capacity-share} of the site's edge capacity; its time policy is the rest of
 * the window. A site's trigger of the night carries a {@code telcocdn.Nightly} extension (not
 * mandatory, so any reader may ignore it) naming the night and the site: that is how a restarted
 * controller knows it was already sent. Everything else is an ordinary trigger (status, cancel).
 */
final class NightlyPrepositions {
  private static final Logger log = LoggerFactory.getLogger(NightlyPrepositions.class);
  static final String MARKER = "telcocdn.Nightly";

  /**
   * @param start when the window opens (UTC)
   * @param end when it closes; before {@code start} = the next day
   */
  record Settings(LocalTime start, LocalTime end, double capacityShare, int maxTitles) {}

  private final Settings settings;
  private final Path summary;
  private final Supplier<Map<String, Long>> siteCapacity;
  private final Function<String, Optional<Long>> titleBytes;
  private final Triggers triggers;
  private final Runnable kick;
  private final Clock clock;

  /**
   * @param siteCapacity bytes of the UP edges' capacity, per site
   * @param titleBytes a title's whole size (every rendition), empty when the catalog does not know
   *     it
   * @param kick runs the trigger runner now
   */
  NightlyPrepositions(
      Settings settings,
      Path summary,
      Supplier<Map<String, Long>> siteCapacity,
      Function<String, Optional<Long>> titleBytes,
      Triggers triggers,
      Runnable kick,
      Clock clock) {
    this.settings = settings;
    this.summary = summary;
    this.siteCapacity = siteCapacity;
    this.titleBytes = titleBytes;
    this.triggers = triggers;
    this.kick = kick;
    this.clock = clock;
  }

  /** Sends tonight's triggers if the window is open and they were not sent; returns their ids. */
  List<String> tick() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
    Optional<ZonedDateTime[]> window = window(now);
    if (window.isEmpty()) return List.of();
    LocalDate night = window.get()[0].toLocalDate();
    JsonNode top = read();
    List<String> sent = new ArrayList<>();
    for (Map.Entry<String, Long> site : siteCapacity.get().entrySet()) {
      if (sentAlready(night, site.getKey())) continue;
      List<String> titles =
          titles(top, site.getKey(), (long) (site.getValue() * settings.capacityShare()));
      if (titles.isEmpty()) continue;
      Trigger t =
          triggers.submit(
              TriggerCommand.parse(
                  command(night, site.getKey(), titles, now, window.get()[1]), null, 0));
      log.info(
          "nightly preposition {} for site {}: {} titles", t.id(), site.getKey(), titles.size());
      sent.add(t.id());
    }
    if (!sent.isEmpty()) kick.run();
    return sent;
  }

  /** The window containing {@code now}, as [start, end), or empty outside it. */
  private Optional<ZonedDateTime[]> window(ZonedDateTime now) {
    for (int daysBack = 0; daysBack <= 1; daysBack++) {
      ZonedDateTime start =
          now.toLocalDate().minusDays(daysBack).atTime(settings.start()).atZone(ZoneOffset.UTC);
      ZonedDateTime end = start.toLocalDate().atTime(settings.end()).atZone(ZoneOffset.UTC);
      if (!end.isAfter(start)) end = end.plusDays(1);
      if (!now.isBefore(start) && now.isBefore(end))
        return Optional.of(new ZonedDateTime[] {start, end});
    }
    return Optional.empty();
  }

  private boolean sentAlready(LocalDate night, String site) {
    for (Trigger t : triggers.list(Optional.empty())) {
      for (JsonNode ext : t.command().path("extensions")) {
        JsonNode v = ext.path("generic-trigger-extension-value");
        if (ext.path("generic-trigger-extension-type").asText().equals(MARKER)
            && v.path("night").asText().equals(night.toString())
            && v.path("site").asText().equals(site)) return true;
      }
    }
    return false;
  }

  /** Top titles of the site, then trending ones, while they fit {@code budget} bytes. */
  private List<String> titles(JsonNode top, String site, long budget) {
    Set<String> candidates = new LinkedHashSet<>();
    top.path("topPerSite").path(site).forEach(t -> candidates.add(t.path("id").asText("")));
    top.path("trending").forEach(t -> candidates.add(t.path("id").asText("")));
    List<String> chosen = new ArrayList<>();
    long used = 0;
    for (String id : candidates) {
      if (chosen.size() >= settings.maxTitles()) break;
      if (!VideoId.isValid(id)) continue;
      Optional<Long> bytes = titleBytes.apply(id);
      if (bytes.isEmpty() || used + bytes.get() > budget) continue;
      used += bytes.get();
      chosen.add(id);
    }
    return chosen;
  }

  private static JsonNode command(
      LocalDate night, String site, List<String> titles, ZonedDateTime now, ZonedDateTime end) {
    return Json.MAPPER.valueToTree(
        Map.of(
            "type",
            "preposition",
            "content.ccid",
            titles,
            "extensions",
            List.of(
                Extensions.siteOnly(site),
                Extensions.of(
                    "CIT.TimePolicy",
                    Map.of(
                        "windows",
                        List.of(Map.of("start", now.toEpochSecond(), "end", end.toEpochSecond()))),
                    true),
                Extensions.of(MARKER, Map.of("night", night.toString(), "site", site), false))));
  }

  private JsonNode read() {
    try {
      return Json.MAPPER.readTree(Files.readAllBytes(summary));
    } catch (IOException e) {
      log.warn(
          "batch summary {} cannot be read; no nightly preposition: {}", summary, e.toString());
      return Json.MAPPER.createObjectNode();
    }
  }
}
