package org.telcocdn.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.accesslog.AccessRecord;

/**
 * Everything the service knows, updated one record at a time: popularity, QoS per edge and per
 * title, sessions. One lock: ingestion is a single thread per source and queries are rare, so a
 * finer scheme would buy nothing. Public fields so one JSON snapshot holds it all.
 */
public final class AnalyticsState {
  public WindowedTopK popularity;
  public Map<String, Qos> edges = new HashMap<>();
  public Map<String, String> edgeSites = new HashMap<>();
  public Map<String, Qos> titles = new HashMap<>();
  public LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();
  public long records;
  public long beacons;
  public int maxSessions;

  public AnalyticsState() {}

  public AnalyticsState(long bucketMillis, long keepMillis, int capacity, int maxSessions) {
    this.popularity = new WindowedTopK(bucketMillis, keepMillis, capacity);
    this.maxSessions = maxSessions;
  }

  public synchronized void apply(AccessRecord r) {
    records++;
    // an error (a 404 for an id nobody has, a 503) is a request, not interest in a title
    if (r.content() != null && r.isSegment() && r.isSuccessful())
      popularity.add(r.time(), r.site(), r.content());
    if (r.edge() != null && r.site() != null) edgeSites.put(r.edge(), r.site());
    Qos edge = r.edge() == null ? null : edges.computeIfAbsent(r.edge(), e -> new Qos());
    Qos title = r.content() == null ? null : titles.computeIfAbsent(r.content(), t -> new Qos());
    Session session = r.session() == null ? null : session(r.session(), r.time());
    Qos delta = requestQos(r, session);
    for (Qos scope : new Qos[] {edge, title}) {
      if (scope == null) continue;
      scope.add(delta);
      scope.recordTtfb(r.ttfbMicros());
      if (delta.startups == 1) scope.recordStartup(null, delta.startupMillisSum);
    }
    if (session != null) {
      session.qos.add(delta);
      session.end = Math.max(session.end, r.time() + r.durationMicros() / 1000);
      if (r.content() != null) session.titles.add(r.content());
      if (r.edge() != null) session.edges.add(r.edge());
    }
  }

  /** What one request adds to QoS; start-up and switches need the session's history. */
  private static Qos requestQos(AccessRecord r, Session session) {
    Qos q = new Qos();
    q.requests = 1;
    q.errors = r.status() >= 400 ? 1 : 0;
    q.hits = "HIT".equals(r.cache()) ? 1 : 0;
    q.bytes = r.bytes();
    q.ttfbMicrosSum = r.ttfbMicros();
    if (!r.isSegment() || r.status() >= 400) return q;
    q.segments = 1;
    q.starvedSegments = r.cmcd().flag("bs") ? 1 : 0;
    long br = r.cmcd().integer("br");
    if (br > 0) {
      q.bitrateKbpsSum = br;
      q.bitrateSamples = 1;
    }
    if (session == null) return q;
    if (br > 0 && session.lastBitrate > 0 && br != session.lastBitrate) q.bitrateSwitches = 1;
    if (br > 0) session.lastBitrate = br;
    if (!session.started) {
      session.started = true;
      session.startupEdge = r.edge();
      session.startupTitle = r.content();
      q.startups = 1;
      q.startupMillisSum = Math.max(0, r.time() + r.durationMicros() / 1000 - session.start);
    }
    return q;
  }

  private Session session(String id, long time) {
    Session s = sessions.get(id);
    if (s == null) {
      s = new Session(id, time);
      sessions.put(id, s);
      if (sessions.size() > maxSessions) sessions.pollFirstEntry();
    }
    s.start = Math.min(s.start, time);
    return s;
  }

  /**
   * A player beacon joins the session its CMCD {@code sid} names, whether the edge records came
   * first or not. Its start-up time replaces the edge-log estimate (in the session and in the edge
   * and title that got the estimate, so aggregates stay sums of sessions); stall and played time
   * and the bitrate played go to the session, its title and the edge the player named.
   */
  public synchronized void apply(Beacon b) {
    if (b.sid() == null) throw new IllegalArgumentException("a beacon needs sid");
    beacons++;
    long time = b.time() != null ? b.time() : System.currentTimeMillis();
    Session s = session(b.sid(), time);
    s.beacons++;
    s.end = Math.max(s.end, time);
    if (b.cid() != null) s.titles.add(b.cid());
    if (b.edge() != null) s.edges.add(b.edge());
    if (b.startupMs() != null && !s.beaconStartup) replaceStartup(s, b);
    Qos delta = new Qos();
    if (b.rebufferMs() != null) delta.rebufferMillis = b.rebufferMs();
    if (b.playedMs() != null) {
      delta.playedMillis = b.playedMs();
      if (b.br() != null && b.br() > 0) {
        delta.bitratePlayedMillis = b.playedMs();
        delta.bitrateKbpsPlayedMillis = b.br() * b.playedMs();
      }
    }
    if ("error".equals(b.event())) delta.playerErrors = 1;
    s.qos.add(delta);
    if (b.cid() != null) titles.computeIfAbsent(b.cid(), t -> new Qos()).add(delta);
    if (b.edge() != null) edges.computeIfAbsent(b.edge(), e -> new Qos()).add(delta);
  }

  private void replaceStartup(Session s, Beacon b) {
    Qos fix = new Qos();
    fix.startups = s.started ? 0 : 1;
    // a session holds at most one start-up, so its sum is the edge-log estimate
    fix.startupMillisSum = b.startupMs() - (s.started ? s.qos.startupMillisSum : 0);
    String edge = s.started ? s.startupEdge : b.edge();
    String title = s.started ? s.startupTitle : b.cid();
    Long estimate = s.started ? s.qos.startupMillisSum : null;
    s.qos.add(fix);
    if (edge != null)
      replaceStartup(edges.computeIfAbsent(edge, e -> new Qos()), fix, estimate, b.startupMs());
    if (title != null)
      replaceStartup(titles.computeIfAbsent(title, t -> new Qos()), fix, estimate, b.startupMs());
    s.startupEdge = edge;
    s.startupTitle = title;
    s.started = true;
    s.beaconStartup = true;
  }

  private static void replaceStartup(Qos scope, Qos fix, Long estimate, long millis) {
    scope.add(fix);
    scope.recordStartup(estimate, millis);
  }

  public synchronized List<SpaceSaving.Entry> top(String scope, long windowMillis, int k) {
    return popularity.top(scope, windowMillis, k);
  }

  public synchronized Map<Long, Map<String, Long>> series(int k, long windowMillis) {
    List<String> titles =
        popularity.top(WindowedTopK.ALL, windowMillis, k).stream()
            .map(SpaceSaving.Entry::key)
            .toList();
    return popularity.series(titles);
  }

  public synchronized Map<String, Qos.View> qos(Map<String, Qos> of) {
    Map<String, Qos.View> out = new LinkedHashMap<>();
    of.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), e.getValue().view()));
    return out;
  }

  /** Sessions seen within {@code idleMillis} of the newest activity (or all), newest first. */
  public synchronized List<Session.View> sessions(long idleMillis, int limit) {
    long newest = sessions.values().stream().mapToLong(s -> s.end).max().orElse(0);
    List<Session> live = new ArrayList<>();
    for (Session s : sessions.values()) {
      if (idleMillis <= 0 || s.end >= newest - idleMillis) live.add(s);
    }
    live.sort(Comparator.comparingLong((Session s) -> s.end).reversed());
    return live.stream().limit(limit).map(Session::view).toList();
  }

  public synchronized Session.View session(String id) {
    Session s = sessions.get(id);
    return s == null ? null : s.view();
  }

  public synchronized Map<String, String> edgeSites() {
    return Map.copyOf(edgeSites);
  }

  public synchronized List<String> sites() {
    return popularity.sites();
  }

  public synchronized long records() {
    return records;
  }

  public synchronized int sessionCount() {
    return sessions.size();
  }
}
