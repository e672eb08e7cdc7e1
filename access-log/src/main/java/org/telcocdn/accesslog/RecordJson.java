package org.telcocdn.accesslog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.json.Json;

/**
 * The JSON-lines form of an {@link AccessRecord}. Written by hand, straight to UTF-8 bytes in the
 * writer's reused {@link LineBuffer}: the writer thread produces one line per request and a
 * reflective mapper would cost several times more. Read back with Jackson, which only the analytics
 * side pays for.
 *
 * <pre>
 * {"time":…,"edge":"edge-1","site":"site-a","c-ip":"127.0.0.0","sid":"…","cid":"…","rendition":"720p",
 *  "segment":3,"cs-method":"GET","cs-uri":"/videos/…","sc-status":200,"sc-total-bytes":123,"cache":"HIT",
 *  "s-ttfb-us":80,"time-taken-us":410,"cmcd":{"br":3200,…},"cmcd-malformed":["bl"]}</pre>
 */
public final class RecordJson {
  private RecordJson() {}

  /** Appends the record's line (without the newline) to {@code out}. */
  public static void write(AccessRecord r, StringBuilder out) {
    LineBuffer line = new LineBuffer(512);
    write(r, line);
    out.append(line);
  }

  public static String line(AccessRecord r) {
    LineBuffer line = new LineBuffer(512);
    write(r, line);
    return line.toString();
  }

  /** The writer's path: straight to UTF-8 bytes. */
  static void write(AccessRecord r, LineBuffer out) {
    out.ascii("{\"time\":").number(r.time());
    string(out, ",\"edge\":", r.edge());
    string(out, ",\"site\":", r.site());
    string(out, ",\"c-ip\":", r.client());
    string(out, ",\"sid\":", r.session());
    string(out, ",\"cid\":", r.content());
    string(out, ",\"rendition\":", r.rendition());
    out.ascii(",\"segment\":").number(r.segment());
    string(out, ",\"cs-method\":", r.method());
    string(out, ",\"cs-uri\":", r.uri());
    out.ascii(",\"sc-status\":").number(r.status());
    out.ascii(",\"sc-total-bytes\":").number(r.bytes());
    string(out, ",\"cache\":", r.cache());
    out.ascii(",\"s-ttfb-us\":").number(r.ttfbMicros());
    out.ascii(",\"time-taken-us\":").number(r.durationMicros());
    cmcd(out, r.cmcd());
    out.append('}');
  }

  private static void cmcd(LineBuffer out, Cmcd cmcd) {
    if (cmcd.isEmpty()) return;
    out.ascii(",\"cmcd\":{");
    boolean first = true;
    for (Map.Entry<String, Object> e : cmcd.values().entrySet()) {
      if (!first) out.append(',');
      first = false;
      out.quoted(e.getKey()).append(':').value(e.getValue());
    }
    out.append('}');
    if (cmcd.malformed().isEmpty()) return;
    out.ascii(",\"cmcd-malformed\":[");
    for (int i = 0; i < cmcd.malformed().size(); i++) {
      if (i > 0) out.append(',');
      out.quoted(cmcd.malformed().get(i));
    }
    out.append(']');
  }

  /** {@code nameAndColon} is the literal {@code ,"name":}; a null value leaves the field out. */
  private static void string(LineBuffer out, String nameAndColon, String value) {
    if (value == null) return;
    out.ascii(nameAndColon).quoted(value);
  }

  /**
   * One line back into a record; a line that is not a record throws {@link
   * IllegalArgumentException}.
   */
  public static AccessRecord read(String line) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON access record: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject() || !n.has("time"))
      throw new IllegalArgumentException("not an access record");
    return new AccessRecord(
        n.path("time").asLong(),
        text(n, "edge"),
        text(n, "site"),
        text(n, "c-ip"),
        text(n, "sid"),
        text(n, "cid"),
        text(n, "rendition"),
        n.path("segment").asInt(-1),
        text(n, "cs-method"),
        text(n, "cs-uri"),
        n.path("sc-status").asInt(),
        n.path("sc-total-bytes").asLong(),
        text(n, "cache"),
        n.path("s-ttfb-us").asLong(),
        n.path("time-taken-us").asLong(),
        cmcd(n));
  }

  private static Cmcd cmcd(JsonNode n) {
    JsonNode c = n.get("cmcd");
    JsonNode bad = n.get("cmcd-malformed");
    if (c == null && bad == null) return Cmcd.NONE;
    Map<String, Object> values = new LinkedHashMap<>();
    if (c != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = c.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        values.put(
            e.getKey(),
            v.isBoolean()
                ? (Object) v.asBoolean()
                : v.isIntegralNumber()
                    ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.asDouble() : v.asText());
      }
    }
    List<String> malformed = new ArrayList<>();
    if (bad != null) bad.forEach(b -> malformed.add(b.asText()));
    return new Cmcd(values, malformed);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
