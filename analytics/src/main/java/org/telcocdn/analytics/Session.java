package org.telcocdn.analytics;

import java.util.LinkedHashSet;
import java.util.Set;

/** One playback session (CMCD {@code sid}): when, what, from which edges, and its QoS. */
public final class Session {
  public String id;
  public long start;
  public long end;
  public Set<String> titles = new LinkedHashSet<>();
  public Set<String> edges = new LinkedHashSet<>();
  public Qos qos = new Qos();
  public long lastBitrate = -1;
  public boolean started;
  public boolean beaconStartup;

  /**
   * Where the start-up time was counted, so a player's own figure can replace the estimate there.
   */
  public String startupEdge;

  public String startupTitle;
  public long beacons;

  public Session() {}

  Session(String id, long time) {
    this.id = id;
    this.start = time;
    this.end = time;
  }

  /**
   * A score out of 100: start-up over 2 s, rebuffering, errors and bitrate switches cost points. A
   * summary for the session list, not a standard (ITU-T P.1203 would be the standard one).
   */
  public double score() {
    Qos.View v = qos.view();
    double s = 100;
    s -= Math.min(30, Math.max(0, v.startupMillis() - 2000) / 200);
    s -= Math.min(40, v.rebufferRatio() * 400);
    s -= Math.min(20, v.errorRate() * 200);
    s -= Math.min(10, qos.bitrateSwitches);
    if (qos.playerErrors > 0) s -= 20;
    return Math.max(0, Math.round(s * 10) / 10.0);
  }

  /**
   * @param edgeRecords access-log records of this session (CMCD {@code sid})
   * @param beacons player beacons of this session
   * @param startupSource {@code player} (a beacon), {@code edge-log} (the estimate) or null (not
   *     started)
   */
  public record View(
      String id,
      long start,
      long end,
      Set<String> titles,
      Set<String> edges,
      long edgeRecords,
      long beacons,
      String startupSource,
      Qos.View qos,
      double score) {}

  public View view() {
    String source = beaconStartup ? "player" : started ? "edge-log" : null;
    return new View(
        id, start, end, titles, edges, qos.requests, beacons, source, qos.view(), score());
  }
}
