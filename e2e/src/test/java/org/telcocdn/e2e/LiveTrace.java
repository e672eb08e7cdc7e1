package org.telcocdn.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The player page's start-up trace ({@code window.liveTrace}, js/live-trace.js), told: how the
 * player started, and the events around its first stall, each hls.js and video element event in
 * milliseconds from the first frame with the playing position, the buffer ahead of it and hls.js's
 * latency; for a part, when the origin made it available ({@code X-Live-Available-At}, read off the
 * part's response) against when the player asked for it and got it. It is what tells a stall's
 * cause: a buffer run dry while a part was late at the origin, at the edge, or never asked for (as
 * the start-up stall of docs/live.md was: no playlist reload for 2 s).
 */
final class LiveTrace {
  private final Map<String, Long> availableAt = new ConcurrentHashMap<>();

  /** Records each part's availability stamp; call before the page navigates. */
  LiveTrace(Page page) {
    page.onResponse(this::note);
  }

  private void note(Response r) {
    String stamp = r.headerValue("x-live-available-at");
    if (stamp == null || !r.url().contains("/part_")) return;
    availableAt.put(name(r.url()), Long.parseLong(stamp));
  }

  /**
   * How the player started: the first media playlist (its newest part and edge), whether the next
   * was a blocking reload and how soon, and the first frame's position, buffer and latency.
   */
  String start(Page page) {
    List<Map<String, Object>> events = events(page);
    List<Map<String, Object>> playlists =
        events.stream().filter(e -> "levelLoaded".equals(e.get("event"))).toList();
    Map<String, Object> frame = first(events, "playing", 0);
    if (playlists.isEmpty() || frame == null) return "start: no playlist or no frame in the trace";
    Map<String, Object> joined = playlists.getFirst();
    String next =
        playlists.size() < 2
            ? "no second playlist"
            : String.format(
                "the next %s %d ms later",
                Boolean.TRUE.equals(playlists.get(1).get("blocking"))
                    ? "a blocking reload"
                    : "a plain reload",
                millis(playlists.get(1), "t") - millis(joined, "t"));
    return String.format(
        "start: first playlist up to segment %s part %s (edge %s s), %s; first frame %d ms after"
            + " it at %s s with %s s buffered, %s s from the live edge",
        joined.get("msn"),
        joined.get("part"),
        joined.get("edge"),
        next,
        millis(frame, "t") - millis(joined, "t"),
        frame.get("currentTime"),
        frame.get("ahead"),
        frame.get("latency"));
  }

  /**
   * The trace from 2 s before the first wait after the first frame to 0.5 s after playback resumed
   * (or to the end of the trace): what ran dry and what the player asked for meanwhile. Empty
   * without a wait.
   */
  List<String> aroundFirstStall(Page page) {
    List<Map<String, Object>> events = events(page);
    Map<String, Object> frame = first(events, "playing", 0);
    if (frame == null) return List.of();
    Map<String, Object> wait = first(events, "waiting", millis(frame, "t"));
    if (wait == null) return List.of();
    Map<String, Object> resumed = first(events, "playing", millis(wait, "t"));
    long from = millis(wait, "t") - 2000;
    long to = resumed == null ? Long.MAX_VALUE : millis(resumed, "t") + 500;
    long firstFrame = millis(frame, "t");
    List<String> out = new ArrayList<>();
    for (Map<String, Object> e : events) {
      long t = millis(e, "t");
      if (t >= from && t <= to) out.add(line(e, t - firstFrame, firstFrame));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> events(Page page) {
    return (List<Map<String, Object>>) page.evaluate("() => window.liveTrace || []");
  }

  /** The first event named {@code name} at or after {@code fromMillis}, or null. */
  private static Map<String, Object> first(
      List<Map<String, Object>> events, String name, long fromMillis) {
    return events.stream()
        .filter(e -> name.equals(e.get("event")) && millis(e, "t") >= fromMillis)
        .findFirst()
        .orElse(null);
  }

  private String line(Map<String, Object> e, long at, long firstFrame) {
    StringBuilder s = new StringBuilder(String.format("%+6d ms %-15s", at, e.get("event")));
    append(s, "L", e.get("level"));
    if (e.get("sn") != null) s.append(" ").append(e.get("name"));
    append(s, " media ", e.get("start"));
    append(s, " msn ", e.get("msn"));
    append(s, ".", e.get("part"));
    append(s, " edge ", e.get("edge"));
    append(s, " age ", e.get("age"));
    if (Boolean.TRUE.equals(e.get("blocking"))) s.append(" (blocking)");
    append(s, " ", e.get("details"));
    append(s, " from ", e.get("from"));
    append(s, " to ", e.get("to"));
    if (e.get("requested") != null) {
      s.append(
          String.format(
              " asked %+d first byte %+d done %+d",
              millis(e, "requested") - firstFrame,
              millis(e, "firstByte") - firstFrame,
              millis(e, "done") - firstFrame));
      if (e.get("sent") != null)
        s.append(
            String.format(
                " sent %+d connect %s ms %s",
                millis(e, "sent") - firstFrame, e.get("connectMs"), e.get("protocol")));
      Long available = e.get("name") == null ? null : availableAt.get(e.get("name").toString());
      if (available != null) s.append(String.format(" available %+d", available - firstFrame));
    }
    s.append(
        String.format(
            " | pos %s ahead %s latency %s target %s rate %s buffered %s",
            e.get("currentTime"),
            e.get("ahead"),
            e.get("latency"),
            e.get("targetLatency"),
            e.get("rate"),
            e.get("buffered")));
    return s.toString();
  }

  private static void append(StringBuilder s, String label, Object value) {
    if (value != null) s.append(label).append(Objects.toString(value));
  }

  private static long millis(Map<String, Object> e, String key) {
    return ((Number) e.get(key)).longValue();
  }

  private static String name(String url) {
    String path = url.split("[?#]", 2)[0];
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
