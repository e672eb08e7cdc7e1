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
 * The JSON-lines form of an {@link AccessRecord}. Written by hand into a reused builder: the writer
 * thread produces one line per request and a reflective mapper would cost several times more. Read
 * back with Jackson, which only the analytics side pays for.
 *
 * <pre>{"time":…,"edge":"edge-1","site":"site-a","c-ip":"127.0.0.0","sid":"…","cid":"…","rendition":"720p",
 *  "segment":3,"cs-method":"GET","cs-uri":"/videos/…","sc-status":200,"sc-total-bytes":123,"cache":"HIT",
 *  "s-ttfb-us":80,"time-taken-us":410,"cmcd":{"br":3200,…},"cmcd-malformed":["bl"]}</pre>
 */
public final class RecordJson {
  private RecordJson() {}

  public static void write(AccessRecord r, StringBuilder out) {
    out.append("{\"time\":").append(r.time());
    string(out, "edge", r.edge());
    string(out, "site", r.site());
    string(out, "c-ip", r.client());
    string(out, "sid", r.session());
    string(out, "cid", r.content());
    string(out, "rendition", r.rendition());
    out.append(",\"segment\":").append(r.segment());
    string(out, "cs-method", r.method());
    string(out, "cs-uri", r.uri());
    out.append(",\"sc-status\":").append(r.status());
    out.append(",\"sc-total-bytes\":").append(r.bytes());
    string(out, "cache", r.cache());
    out.append(",\"s-ttfb-us\":").append(r.ttfbMicros());
    out.append(",\"time-taken-us\":").append(r.durationMicros());
    cmcd(out, r.cmcd());
    out.append('}');
  }

  public static String line(AccessRecord r) {
    StringBuilder out = new StringBuilder(256);
    write(r, out);
    return out.toString();
  }

  private static void cmcd(StringBuilder out, Cmcd cmcd) {
    if (cmcd.isEmpty()) return;
    out.append(",\"cmcd\":{");
    boolean first = true;
    for (Map.Entry<String, Object> e : cmcd.values().entrySet()) {
      if (!first) out.append(',');
      first = false;
      quote(out, e.getKey()).append(':');
      if (e.getValue() instanceof String s) quote(out, s);
      else out.append(e.getValue());
    }
    out.append('}');
    if (cmcd.malformed().isEmpty()) return;
    out.append(",\"cmcd-malformed\":[");
    for (int i = 0; i < cmcd.malformed().size(); i++) {
      if (i > 0) out.append(',');
      quote(out, cmcd.malformed().get(i));
    }
    out.append(']');
  }

  private static void string(StringBuilder out, String name, String value) {
    if (value == null) return;
    out.append(",\"").append(name).append("\":");
    quote(out, value);
  }

  private static StringBuilder quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"');
  }

  /** One line back into a record; a line that is not a record throws {@link IllegalArgumentException}. */
  public static AccessRecord read(String line) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON access record: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject() || !n.has("time")) throw new IllegalArgumentException("not an access record");
    return new AccessRecord(n.path("time").asLong(), text(n, "edge"), text(n, "site"), text(n, "c-ip"),
        text(n, "sid"), text(n, "cid"), text(n, "rendition"), n.path("segment").asInt(-1), text(n, "cs-method"),
        text(n, "cs-uri"), n.path("sc-status").asInt(), n.path("sc-total-bytes").asLong(), text(n, "cache"),
        n.path("s-ttfb-us").asLong(), n.path("time-taken-us").asLong(), cmcd(n));
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
        values.put(e.getKey(), v.isBoolean() ? (Object) v.asBoolean() : v.isIntegralNumber() ? (Object) v.asLong()
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
