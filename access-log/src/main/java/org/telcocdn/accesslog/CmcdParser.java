package org.telcocdn.accesslog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parses CMCD (CTA-5004) from the {@code CMCD} query parameter or the four {@code CMCD-Object},
 * {@code CMCD-Request}, {@code CMCD-Session} and {@code CMCD-Status} headers. The payload is a
 * comma-separated list of {@code key=value} (a bare key is {@code true}), with Structured Field
 * types per key. Never throws: a value of the wrong type goes to {@link Cmcd#malformed()}, and a
 * payload that cannot be split at all yields the keys it could read. Unknown keys are kept as their
 * raw text, since custom keys (with a hyphen) are allowed.
 */
public final class CmcdParser {
  /** The CTA-5004 type of a key's value. */
  private enum Kind {
    INTEGER,
    STRING,
    TOKEN,
    FLAG,
    DECIMAL
  }

  /** A key the spec defines; {@code tokens} only for {@link Kind#TOKEN}. */
  private record Key(String name, Kind kind, String... tokens) {}

  /**
   * Every key the spec types. Integers: br, d, tb kbps/ms (Object); bl, dl, mtp kbps/ms (Request);
   * rtp (Status); v (Session). A key is matched in place against this list, never cut out as a new
   * String.
   */
  private static final Key[] KEYS = {
    new Key("br", Kind.INTEGER),
    new Key("d", Kind.INTEGER),
    new Key("tb", Kind.INTEGER),
    new Key("bl", Kind.INTEGER),
    new Key("dl", Kind.INTEGER),
    new Key("mtp", Kind.INTEGER),
    new Key("rtp", Kind.INTEGER),
    new Key("v", Kind.INTEGER),
    new Key("cid", Kind.STRING),
    new Key("sid", Kind.STRING),
    new Key("nor", Kind.STRING),
    new Key("nrr", Kind.STRING),
    new Key("ot", Kind.TOKEN, "m", "a", "v", "av", "i", "c", "tt", "k", "o"),
    new Key("sf", Kind.TOKEN, "d", "h", "s", "o"),
    new Key("st", Kind.TOKEN, "v", "l"),
    new Key("bs", Kind.FLAG),
    new Key("su", Kind.FLAG),
    new Key("pr", Kind.DECIMAL)
  };

  /** {@link #KEYS} by first letter, so a key is found in one to four comparisons. */
  private static final Key[][] BY_FIRST = byFirst();

  /** Keys past this many are dropped (and named malformed): a record must stay small. */
  private static final int MAX_KEYS = 64;

  /** Longer payloads are cut: a log record must stay small whatever the player sends. */
  static final int MAX_PAYLOAD = 4096;

  private CmcdParser() {}

  /**
   * From a raw (still percent-encoded) query string, e.g. {@code CMCD=br%3D3200%2Csid%3D%22a%22}.
   */
  public static Cmcd fromQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) return Cmcd.NONE;
    for (int start = 0; start < rawQuery.length(); ) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) end = rawQuery.length();
      if (rawQuery.startsWith("CMCD=", start)) return parse(decode(rawQuery, start + 5, end));
      start = end + 1;
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

  /**
   * Walks the payload once, by index: members split at commas outside double quotes (a quoted
   * {@code nor} may hold a comma), keys and values read in place. On an edge's writer thread this
   * runs for every segment request, so it cuts out only the strings the record keeps.
   */
  public static Cmcd parse(String payload) {
    if (payload == null || payload.isBlank()) return Cmcd.NONE;
    String text = payload.length() > MAX_PAYLOAD ? payload.substring(0, MAX_PAYLOAD) : payload;
    Entries values = new Entries();
    List<String> malformed = null;
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quoted) i++;
      else if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) {
        malformed = note(malformed, member(text, start, i, values));
        start = i + 1;
      }
    }
    malformed = note(malformed, member(text, start, text.length(), values));
    return new Cmcd(values.toMap(), malformed == null ? List.of() : malformed);
  }

  /**
   * The parsed pairs, built straight into the immutable map {@link Cmcd} keeps (a HashMap copied
   * into one cost twice). A repeated key keeps its last value, as a map's put would.
   */
  private static final class Entries {
    @SuppressWarnings("unchecked")
    private Map.Entry<String, Object>[] entries = new Map.Entry[16];

    private int size;

    /** False when the record already holds {@value MAX_KEYS} keys. */
    boolean put(String key, Object value) {
      for (int i = 0; i < size; i++) {
        if (entries[i].getKey().equals(key)) {
          entries[i] = Map.entry(key, value);
          return true;
        }
      }
      if (size == MAX_KEYS) return false;
      if (size == entries.length) entries = Arrays.copyOf(entries, size * 2);
      entries[size++] = Map.entry(key, value);
      return true;
    }

    Map<String, Object> toMap() {
      return size == 0 ? Map.of() : Map.ofEntries(Arrays.copyOf(entries, size));
    }
  }

  private static List<String> note(List<String> malformed, String bad) {
    if (bad == null) return malformed;
    List<String> out = malformed == null ? new ArrayList<>() : malformed;
    out.add(bad);
    return out;
  }

  /**
   * Reads one {@code key[=value]} into {@code values}; the key's name when it is malformed, else
   * null.
   */
  private static String member(String text, int from, int to, Entries values) {
    while (from < to && Character.isWhitespace(text.charAt(from))) from++;
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) to--;
    if (from == to) return null;
    int eq = text.indexOf('=', from);
    if (eq >= to) eq = -1;
    int keyEnd = eq < 0 ? to : eq;
    while (keyEnd > from && Character.isWhitespace(text.charAt(keyEnd - 1))) keyEnd--;
    if (!validKey(text, from, keyEnd)) {
      return text.substring(from, Math.min(keyEnd, from + 32));
    }
    Key known = known(text, from, keyEnd);
    String key = known != null ? known.name() : text.substring(from, keyEnd);
    int valueFrom = eq + 1;
    while (eq >= 0 && valueFrom < to && Character.isWhitespace(text.charAt(valueFrom))) valueFrom++;
    Object value = eq < 0 ? bare(known) : typed(known, text, valueFrom, to);
    if (value == null || !values.put(key, value)) return key;
    return null;
  }

  private static Key known(String text, int from, int to) {
    char first = text.charAt(from);
    if (first < 'a' || first > 'z') return null;
    for (Key k : BY_FIRST[first - 'a']) {
      if (is(text, from, to, k.name())) return k;
    }
    return null;
  }

  private static Key[][] byFirst() {
    Key[][] out = new Key[26][];
    for (char c = 'a'; c <= 'z'; c++) {
      char first = c;
      out[c - 'a'] =
          Arrays.stream(KEYS).filter(k -> k.name().charAt(0) == first).toArray(Key[]::new);
    }
    return out;
  }

  /** A key without a value: true for a flag, malformed (null) for any other key. */
  private static Object bare(Key known) {
    return known != null && known.kind() == Kind.FLAG ? Boolean.TRUE : null;
  }

  private static boolean validKey(String text, int from, int to) {
    if (to == from || to - from > 64) return false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '*')) return false;
    }
    return true;
  }

  /**
   * The value of {@code text[from, to)} in its key's CTA-5004 type, or null when it does not have
   * that type.
   */
  private static Object typed(Key known, String text, int from, int to) {
    if (known == null) { // a custom key: an sf-string if quoted, else its raw text
      String custom = quoted(text, from, to);
      return custom != null ? custom : text.substring(from, to);
    }
    return switch (known.kind()) {
      case INTEGER -> integer(text, from, to);
      case STRING -> quoted(text, from, to);
      case TOKEN -> token(known, text, from, to);
      case FLAG ->
          is(text, from, to, "?1") ? Boolean.TRUE : is(text, from, to, "?0") ? Boolean.FALSE : null;
      case DECIMAL -> decimal(text.substring(from, to));
    };
  }

  private static String token(Key known, String text, int from, int to) {
    for (String t : known.tokens()) {
      if (is(text, from, to, t)) return t;
    }
    return null;
  }

  private static boolean is(String text, int from, int to, String expected) {
    return expected.length() == to - from && text.startsWith(expected, from);
  }

  private static Long integer(String text, int from, int to) {
    int n = to - from;
    if (n == 0 || n > 15) return null;
    boolean negative = text.charAt(from) == '-';
    if (negative && n == 1) return null;
    long v = 0;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return null;
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }

  private static Double decimal(String raw) {
    if (!raw.matches("-?[0-9]{1,12}(\\.[0-9]{1,3})?")) return null;
    return Double.parseDouble(raw);
  }

  /**
   * An sf-string at {@code text[from, to)}: in double quotes, with {@code \\"} and {@code \\\\}
   * escapes only.
   */
  private static String quoted(String text, int from, int to) {
    if (to - from < 2 || text.charAt(from) != '"' || text.charAt(to - 1) != '"') return null;
    boolean escaped = false;
    for (int i = from + 1; i < to - 1; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        escaped = true;
        if (++i >= to - 1) return null;
        c = text.charAt(i);
        if (c != '"' && c != '\\') return null;
      } else if (c == '"' || c < 0x20 || c > 0x7e) {
        return null;
      }
    }
    if (!escaped) return text.substring(from + 1, to - 1);
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from + 1; i < to - 1; i++) {
      char c = text.charAt(i);
      out.append(c == '\\' ? text.charAt(++i) : c);
    }
    return out.toString();
  }

  /**
   * Percent-decoding of {@code s[from, to)} as {@code application/x-www-form-urlencoded} (UTF-8,
   * {@code +} is a space); a broken escape leaves the whole value as it came, as URLDecoder's
   * callers did.
   */
  static String decode(String s, int from, int to) {
    int firstSpecial = from;
    while (firstSpecial < to && s.charAt(firstSpecial) != '%' && s.charAt(firstSpecial) != '+')
      firstSpecial++;
    if (firstSpecial == to) return s.substring(from, to);
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out[n++] = ' ';
      } else if (c != '%') {
        if (c >= 0x80) return jdkDecode(s.substring(from, to)); // rare: let the JDK do it
        out[n++] = (byte) c;
      } else {
        int hi = i + 2 < to ? hex(s.charAt(i + 1)) : -1;
        int lo = i + 2 < to ? hex(s.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) return s.substring(from, to);
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  }

  private static String jdkDecode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }
}
