package org.telcocdn.accesslog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses CMCD (CTA-5004) from the {@code CMCD} query parameter or the four {@code CMCD-Object},
 * {@code CMCD-Request}, {@code CMCD-Session} and {@code CMCD-Status} headers. The payload is a
 * comma-separated list of {@code key=value} (a bare key is {@code true}), with Structured Field types
 * per key. Never throws: a value of the wrong type goes to {@link Cmcd#malformed()}, and a payload
 * that cannot be split at all yields the keys it could read. Unknown keys are kept as their raw text,
 * since custom keys (with a hyphen) are allowed.
 */
public final class CmcdParser {
  /** Integer keys: br, d, tb kbps/ms (Object); bl, dl, mtp kbps/ms (Request); rtp (Status); v (Session). */
  private static final Set<String> INTEGERS = Set.of("br", "d", "tb", "bl", "dl", "mtp", "rtp", "v");
  private static final Set<String> STRINGS = Set.of("cid", "sid", "nor", "nrr");
  private static final Map<String, Set<String>> TOKENS = Map.of(
      "ot", Set.of("m", "a", "v", "av", "i", "c", "tt", "k", "o"),
      "sf", Set.of("d", "h", "s", "o"),
      "st", Set.of("v", "l"));
  private static final Set<String> FLAGS = Set.of("bs", "su");
  private static final Set<String> DECIMALS = Set.of("pr");
  /** Longer payloads are cut: a log record must stay small whatever the player sends. */
  static final int MAX_PAYLOAD = 4096;

  private CmcdParser() {}

  /** From a raw (still percent-encoded) query string, e.g. {@code CMCD=br%3D3200%2Csid%3D%22a%22}. */
  public static Cmcd fromQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) return Cmcd.NONE;
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("CMCD=")) return parse(decode(pair.substring(5)));
    }
    return Cmcd.NONE;
  }

  /** From the four header values, any of them null. */
  public static Cmcd fromHeaders(String object, String request, String session, String status) {
    StringBuilder all = new StringBuilder();
    for (String part : new String[] {object, request, session, status}) {
      if (part == null || part.isBlank()) continue;
      if (!all.isEmpty()) all.append(',');
      all.append(part);
    }
    return all.isEmpty() ? Cmcd.NONE : parse(all.toString());
  }

  public static Cmcd parse(String payload) {
    if (payload == null || payload.isBlank()) return Cmcd.NONE;
    String text = payload.length() > MAX_PAYLOAD ? payload.substring(0, MAX_PAYLOAD) : payload;
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> malformed = new ArrayList<>();
    for (String member : splitMembers(text)) {
      member = member.strip();
      if (member.isEmpty()) continue;
      int eq = member.indexOf('=');
      String key = eq < 0 ? member : member.substring(0, eq).strip();
      String raw = eq < 0 ? null : member.substring(eq + 1).strip();
      if (!validKey(key)) {
        malformed.add(key.length() > 32 ? key.substring(0, 32) : key);
        continue;
      }
      Object value = typed(key, raw);
      if (value == null) malformed.add(key);
      else values.put(key, value);
    }
    return new Cmcd(values, malformed);
  }

  /** Splits at commas outside double quotes, so a quoted {@code nor} may hold a comma. */
  private static List<String> splitMembers(String text) {
    List<String> members = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quoted) i++;
      else if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) {
        members.add(text.substring(start, i));
        start = i + 1;
      }
    }
    members.add(text.substring(start));
    return members;
  }

  private static boolean validKey(String key) {
    if (key.isEmpty() || key.length() > 64) return false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '*')) return false;
    }
    return true;
  }

  /** The value in its CTA-5004 type, or null when it does not have that type. */
  private static Object typed(String key, String raw) {
    if (FLAGS.contains(key)) return raw == null ? Boolean.TRUE : "?1".equals(raw) ? Boolean.TRUE : "?0".equals(raw) ? Boolean.FALSE : null;
    if (raw == null) return null;
    if (INTEGERS.contains(key)) return integer(raw);
    if (DECIMALS.contains(key)) return decimal(raw);
    if (STRINGS.contains(key)) return quoted(raw);
    Set<String> tokens = TOKENS.get(key);
    if (tokens != null) return tokens.contains(raw) ? raw : null;
    String custom = quoted(raw);
    return custom != null ? custom : raw;
  }

  private static Long integer(String raw) {
    if (raw.isEmpty() || raw.length() > 15) return null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && raw.length() > 1)) return null;
    }
    return Long.parseLong(raw);
  }

  private static Double decimal(String raw) {
    if (!raw.matches("-?[0-9]{1,12}(\\.[0-9]{1,3})?")) return null;
    return Double.parseDouble(raw);
  }

  /** An sf-string: in double quotes, with {@code \"} and {@code \\} escapes only. */
  private static String quoted(String raw) {
    if (raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') return null;
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 1; i < raw.length() - 1; i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        if (++i >= raw.length() - 1) return null;
        c = raw.charAt(i);
        if (c != '"' && c != '\\') return null;
      } else if (c == '"' || c < 0x20 || c > 0x7e) {
        return null;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }
}
