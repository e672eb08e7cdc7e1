package org.telcocdn.cache.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A parsed {@code Cache-Control}-style field: comma-separated directives {@code name[=value]}, the
 * value a token or a quoted-string (RFC 9111 §5.2; commas inside quotes do not separate), names
 * case-insensitive. Every field line is parsed, in order, as one list (RFC 9110 §5.3). The first
 * occurrence of a directive wins (RFC 9111 §4.2.1 allows the first or treating the response as
 * stale). {@code Surrogate-Control} directives may end in {@code ;target}: such a directive applies
 * only to the surrogate of that name ({@link #parse(List, String)}).
 */
public final class Directives {
  /** RFC 9111 §1.2.2: a delta-seconds too large for the cache is taken as 2^31. */
  public static final long MAX_DELTA = 2_147_483_648L;

  static final Directives NONE = new Directives(Map.of());

  /** A directive's value: null when absent; {@code quoted} when written as a quoted-string. */
  record Value(String text, boolean quoted) {}

  private final Map<String, Value> first;

  private Directives(Map<String, Value> first) {
    this.first = first;
  }

  public static Directives parse(List<String> lines) {
    return parse(lines, null);
  }

  /**
   * Parses {@code lines}; with a {@code self} name, directives targeted ({@code ;name}) at another
   * surrogate are dropped and those targeted at {@code self} kept, the targeted form taking
   * precedence over an untargeted one of the same name (Edge Architecture 1.0).
   */
  public static Directives parse(List<String> lines, String self) {
    if (lines.isEmpty()) return NONE;
    Map<String, Value> first = new LinkedHashMap<>();
    Map<String, Value> targeted = new LinkedHashMap<>();
    for (String line : lines) {
      for (String item : split(line)) add(item.strip(), self, first, targeted);
    }
    targeted.forEach(first::put);
    return new Directives(first);
  }

  private static void add(
      String item, String self, Map<String, Value> first, Map<String, Value> targeted) {
    if (item.isEmpty()) return;
    String target = null;
    int semicolon = lastUnquoted(item, ';');
    if (self != null && semicolon >= 0) {
      target = item.substring(semicolon + 1).strip();
      item = item.substring(0, semicolon).strip();
      if (!target.equals(self)) return;
    }
    int eq = item.indexOf('=');
    String name = (eq < 0 ? item : item.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
    Value value = eq < 0 ? new Value(null, false) : value(item.substring(eq + 1));
    if (name.isEmpty()) return;
    if (target != null) targeted.putIfAbsent(name, value);
    else first.putIfAbsent(name, value);
  }

  private static Value value(String raw) {
    if (raw.length() >= 2 && raw.charAt(0) == '"' && raw.charAt(raw.length() - 1) == '"') {
      return new Value(unquote(raw.substring(1, raw.length() - 1)), true);
    }
    return new Value(raw, false);
  }

  private static String unquote(String inner) {
    StringBuilder b = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length()) c = inner.charAt(++i);
      b.append(c);
    }
    return b.toString();
  }

  /** Splits at commas outside quoted-strings. */
  static List<String> split(String line) {
    List<String> items = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && quoted) i++;
      else if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) {
        items.add(line.substring(start, i));
        start = i + 1;
      }
    }
    items.add(line.substring(start));
    return items;
  }

  private static int lastUnquoted(String item, char wanted) {
    boolean quoted = false;
    int found = -1;
    for (int i = 0; i < item.length(); i++) {
      char c = item.charAt(i);
      if (c == '\\' && quoted) i++;
      else if (c == '"') quoted = !quoted;
      else if (c == wanted && !quoted) found = i;
    }
    return found;
  }

  public boolean isEmpty() {
    return first.isEmpty();
  }

  public boolean has(String name) {
    return first.containsKey(name);
  }

  /**
   * A delta-seconds directive ({@code max-age=3600}, quoted accepted as RFC 9111 §5.2 asks of
   * recipients): empty when absent; {@code -1} when present but not a non-negative integer, which
   * callers treat as already stale (RFC 9111 §4.2.1: invalid freshness information).
   */
  public OptionalLong seconds(String name) {
    Value v = first.get(name);
    if (v == null) return OptionalLong.empty();
    return OptionalLong.of(deltaSeconds(v.text()));
  }

  /** A non-negative integer, capped at {@link #MAX_DELTA}; -1 when it is not one. */
  public static long deltaSeconds(String text) {
    if (text == null || text.isEmpty()) return -1;
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = Math.min(MAX_DELTA, n * 10 + (c - '0'));
    }
    return n;
  }

  /**
   * The field names of a qualified {@code no-cache="a, b"} or {@code private="a"}; empty when the
   * directive is absent or unqualified.
   */
  public List<String> fieldNames(String name) {
    Value v = first.get(name);
    if (v == null || v.text() == null) return List.of();
    List<String> names = new ArrayList<>();
    for (String n : v.text().split(",")) {
      if (!n.isBlank()) names.add(n.strip().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /** Present without field names: the whole response is concerned. */
  public boolean unqualified(String name) {
    Value v = first.get(name);
    return v != null && (v.text() == null || v.text().isBlank());
  }

  @Override
  public String toString() {
    return first.toString();
  }
}
