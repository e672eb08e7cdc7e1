package org.telcocdn.controller.trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trigger status resource as RFC 8007 section 5.1.2 shapes it ({@code trigger}, {@code ctime},
 * {@code mtime}, {@code etime}, {@code status}, {@code errors}), with this CDN's {@code progress}:
 * objects and bytes done and total, in all and per site, and each unit with its edge and state; and
 * the cache tiers' part ({@code tiers}, {@link TierProgress}). Totals are known once an edge has
 * read the title's manifest; until then a unit counts 0.
 */
final class TriggerView {
  private TriggerView() {}

  static Map<String, Object> of(Trigger t, Map<String, Object> tiers) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", t.id());
    body.put("self", location(t.id()));
    body.put("trigger", t.command());
    body.put("ctime", t.ctime());
    body.put("mtime", t.mtime());
    if (t.etime() != null) body.put("etime", t.etime());
    body.put("status", t.status().json());
    body.put("errors", t.errors());
    Map<String, Object> progress = progress(t.units());
    progress.put("tiers", tiers);
    body.put("progress", progress);
    return body;
  }

  /** A line of the collection: enough for a table. */
  static Map<String, Object> summary(Trigger t) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", t.id());
    body.put("self", location(t.id()));
    body.put("type", t.command().path("type").asText());
    body.put("status", t.status().json());
    body.put("ctime", t.ctime());
    body.put("mtime", t.mtime());
    if (t.etime() != null) body.put("etime", t.etime());
    body.put("progress", counts(t.units()));
    body.put("errors", t.errors().size());
    return body;
  }

  static String location(String id) {
    return "/api/triggers/" + id;
  }

  private static Map<String, Object> progress(List<Unit> units) {
    Map<String, List<Unit>> bySite = new TreeMap<>();
    units.forEach(u -> bySite.computeIfAbsent(u.site(), s -> new ArrayList<>()).add(u));
    Map<String, Object> sites = new LinkedHashMap<>();
    bySite.forEach(
        (site, list) -> {
          Map<String, Object> s = counts(list);
          s.put("units", list.stream().map(TriggerView::unit).toList());
          sites.put(site, s);
        });
    Map<String, Object> out = counts(units);
    out.put("sites", sites);
    return out;
  }

  private static Map<String, Object> counts(List<Unit> units) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("objectsDone", units.stream().mapToLong(Unit::objectsDone).sum());
    c.put("objectsTotal", units.stream().mapToLong(Unit::objects).sum());
    c.put("bytesDone", units.stream().mapToLong(Unit::bytesDone).sum());
    c.put("bytesTotal", units.stream().mapToLong(Unit::bytes).sum());
    return c;
  }

  private static Map<String, Object> unit(Unit u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("edge", u.edge());
    m.put("videoId", u.videoId());
    if (!u.paths().isEmpty()) m.put("paths", u.paths());
    m.put("source", u.sourceOrPlanned());
    if (!u.sources().isEmpty()) m.put("sources", new TreeMap<>(u.sources()));
    if (!u.sourceBytes().isEmpty()) m.put("sourceBytes", new TreeMap<>(u.sourceBytes()));
    m.put("state", u.state().name().toLowerCase());
    m.put("objectsDone", u.objectsDone());
    m.put("objectsTotal", u.objects());
    m.put("bytesDone", u.bytesDone());
    m.put("bytesTotal", u.bytes());
    if (u.reason() != null) m.put("reason", u.reason());
    return m;
  }
}
