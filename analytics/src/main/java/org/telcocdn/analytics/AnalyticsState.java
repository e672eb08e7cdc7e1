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
  public LiveAudience live = new LiveAudience();
  public long records;
  public long beacons;
  public int maxSessions;
  public int maxTitles = AnalyticsLimits.DEFAULT_MAX_TITLES;
  public int maxEdges = AnalyticsLimits.DEFAULT_MAX_EDGES;

  public AnalyticsState() {}

  public AnalyticsState(long bucketMillis, long keepMillis, int capacity, int maxSessions) {
    this(
        bucketMillis,
        keepMillis,
        capacity,
        maxSessions,
        AnalyticsLimits.DEFAULT_MAX_TITLES,
        AnalyticsLimits.DEFAULT_MAX_EDGES);
  }

  public AnalyticsState(
      long bucketMillis,
      long keepMillis,
      int capacity,
      int maxSessions,
      int maxTitles,
      int maxEdges) {
    this.popularity = new WindowedTopK(bucketMillis, keepMillis, capacity);
    this.maxSessions = maxSessions;
    this.maxTitles = maxTitles;
    this.maxEdges = maxEdges;
  }

  /** The caps of the configuration, over those a restored snapshot was saved with. */
  public synchronized void limit(int titles, int edges) {
    this.maxTitles = titles;
    this.maxEdges = edges;
  }

  /**
   * The title's QoS, made if new; when that makes too many, the tenth with the fewest requests go.
   */
  private Qos title(String id) {
    Qos q = titles.get(id);
    if (q != null) return q;
    q = new Qos();
    titles.put(id, q);
    if (titles.size() > maxTitles) dropQuietest(titles, maxTitles, id);
    return q;
  }

  private Qos edge(String id) {
    Qos q = edges.get(id);
    if (q != null) return q;
    q = new Qos();
    edges.put(id, q);
    if (edges.size() > maxEdges) dropQuietest(edges, maxEdges, id).forEach(edgeSites::remove);
    return q;
  }

  /**
   * Drops the tenth of {@code scopes} with the fewest requests (never {@code keep}); returns their
   * names.
   */
  private static List<String> dropQuietest(Map<String, Qos> scopes, int max, String keep) {
    List<String> quietest =
        scopes.entrySet().stream()
            .filter(e -> !e.getKey().equals(keep))
            .sorted(Comparator.comparingLong(e -> e.getValue().requests))
            .limit(scopes.size() - max + Math.max(1, max / 10))
            .map(Map.Entry::getKey)
            .toList();
    quietest.forEach(scopes::remove);
    return quietest;
  }

  private static void addName(java.util.Set<String> names, String name) {
    if (names.size() < AnalyticsLimits.SESSION_NAMES || names.contains(name)) names.add(name);
  }

  public synchronized void apply(AccessRecord r) {
    records++;
    // an error (a 404 for an id nobody has, a 503) is a request, not interest in a title
    if (r.content() != null && r.isSegment() && r.isSuccessful())
      popularity.add(r.time(), r.site(), r.content());
    Qos edge = r.edge() == null ? null : edge(r.edge());
    if (r.edge() != null && r.site() != null) edgeSites.put(r.edge(), r.site());
    Qos title = r.content() == null ? null : title(r.content());
    Session session = r.session() == null ? null : session(r.session(), r.time());
    // CTA-5004 st=l: the player says the stream is live, whatever the path looks like
    if (session != null && r.content() != null && "l".equals(r.cmcd().string("st")))
      live.seen(r.content(), r.session(), r.time());
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
      if (r.content() != null) addName(session.titles, r.content());
      if (r.edge() != null) addName(session.edges, r.edge());
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
    if (b.cid() != null) addName(s.titles, b.cid());
    if (b.edge() != null) addName(s.edges, b.edge());
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
    if (b.isLatency() && b.cid() != null && b.latencyMs() != null)
      live.latency(b.cid(), b.sid(), time, b.latencyMs());
    s.qos.add(delta);
    if (b.cid() != null) title(b.cid()).add(delta);
    if (b.edge() != null) edge(b.edge()).add(delta);
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
    if (edge != null) replaceStartup(edge(edge), fix, estimate, b.startupMs());
    if (title != null) replaceStartup(title(title), fix, estimate, b.startupMs());
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

  /** Live channels with a viewer within {@code windowMillis} before {@code now}. */
  public synchronized List<LiveAudience.ChannelView> live(long now, long windowMillis) {
    return live.view(now, windowMillis);
  }

  public synchronized int liveViewers(long now, long windowMillis) {
    return live.viewers(now, windowMillis);
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
