package org.telcocdn.controller.trigger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.telcocdn.cache.policy.Hashes;
import org.telcocdn.common.video.VideoId;

/**
 * Turns a preposition trigger into units: for each target site and title, the edges that should
 * hold it. One copy per site, on the edge the controller's allocation keeps the title on, or its
 * rendezvous owner among the site's UP edges when the allocation does not place it (the same edge a
 * later allocation round picks for an unplaced title, so the copy is where viewers will be sent);
 * more copies where the allocation keeps the title on several edges (a head title). Only the first
 * copy of a site comes from the origin: the others are units WAITING for it, filled from it inside
 * the site, so the origin sends each object once per site.
 */
final class PrepositionPlanner {
  private final Fleet fleet;
  private final Catalog catalog;

  PrepositionPlanner(Fleet fleet, Catalog catalog) {
    this.fleet = fleet;
    this.catalog = catalog;
  }

  /** The trigger, active with its units, or failed with its errors when nothing can be done. */
  Trigger plan(Trigger trigger, TriggerCommand command, long now) {
    ContentTargets targets = ContentTargets.of(command.ccids(), command.contentUrls());
    List<TriggerError> errors = new ArrayList<>();
    if (!targets.notUnderstood().isEmpty()) {
      errors.add(
          TriggerError.urls(
              TriggerErrorCode.ECONTENT,
              targets.notUnderstood(),
              "not an object URL of this CDN (…/videos/{id}/{path})"));
    }
    if (!command.metadataUrls().isEmpty()) {
      errors.add(
          TriggerError.urls(
              TriggerErrorCode.EUNSUPPORTED,
              command.metadataUrls(),
              "this CDN keeps no CDNI metadata (RFC 8006); metadata.urls are not acted on"));
    }
    List<String> unknown =
        targets.titles().keySet().stream()
            .filter(id -> !VideoId.isValid(id) || !catalog.knows(id))
            .toList();
    if (!unknown.isEmpty()) {
      errors.add(
          TriggerError.content(unknown, "unknown to the catalog: " + String.join(", ", unknown)));
    }
    List<Unit> units = new ArrayList<>();
    for (String site : new TreeSet<>(fleet.sites())) {
      if (!command.targets(site)) continue;
      List<SiteTarget> up = fleet.upEdges(site);
      if (up.isEmpty()) {
        errors.add(
            TriggerError.site(TriggerErrorCode.ECDN, site, "site " + site + " has no UP edge"));
        continue;
      }
      for (Map.Entry<String, List<String>> title : targets.titles().entrySet()) {
        if (!unknown.contains(title.getKey()))
          units.addAll(units(site, up, title.getKey(), title.getValue()));
      }
    }
    for (String site : command.allowSites()) {
      if (!fleet.sites().contains(site))
        errors.add(
            TriggerError.site(TriggerErrorCode.ECDN, site, "site " + site + " has no edge now"));
    }
    Trigger planned = trigger;
    for (TriggerError e : errors) planned = planned.error(e, now);
    if (units.isEmpty()) return planned.status(TriggerStatus.FAILED, now).etime(now);
    return planned.units(units, now).status(TriggerStatus.ACTIVE, now);
  }

  private List<Unit> units(String site, List<SiteTarget> up, String videoId, List<String> paths) {
    List<SiteTarget> holders = new ArrayList<>();
    for (String name : fleet.placed(site, videoId)) {
      up.stream().filter(e -> e.edge().equals(name)).findFirst().ifPresent(holders::add);
    }
    if (holders.isEmpty()) holders.add(owner(videoId, up));
    List<Unit> units = new ArrayList<>();
    units.add(Unit.queued(holders.getFirst(), videoId, paths, null));
    for (SiteTarget replica : holders.subList(1, holders.size())) {
      units.add(Unit.queued(replica, videoId, paths, holders.getFirst().edge()));
    }
    return units;
  }

  /** Highest random weight of (title, edge): stable while the site's edges stay. */
  static SiteTarget owner(String videoId, List<SiteTarget> up) {
    long title = Hashes.of(videoId);
    return up.stream()
        .max(Comparator.comparingLong(e -> Hashes.mix(title ^ Hashes.of(e.edge()))))
        .orElseThrow();
  }
}
