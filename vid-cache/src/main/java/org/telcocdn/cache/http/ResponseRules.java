package org.telcocdn.cache.http;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.telcocdn.cache.metrics.StoreDecision;
import org.telcocdn.cache.storage.HttpMeta;

/**
 * RFC 9111 for a shared cache: whether a response may be stored (§3), how long it stays fresh
 * (§4.2.1, §4.2.2), its age (§4.2.3), and when a stale copy may still be served (§4.2.4, RFC 5861).
 *
 * <p>Which field governs: a targeted field aimed at this cache (RFC 9213) wins over {@code
 * Cache-Control} and {@code Expires}: {@code CDN-Cache-Control} first, then {@code
 * Surrogate-Control} (Edge Architecture 1.0, directives for this edge by its name or for any
 * surrogate); only when neither holds a directive for this edge do {@code Cache-Control} and {@code
 * Expires} apply. The edge announces its name to origins in {@code Surrogate-Capability}.
 *
 * <p>Choices where the RFCs leave room, each the conservative one: invalid freshness information (a
 * {@code max-age} that is not a non-negative integer, an invalid {@code Expires}) makes the
 * response stale (§4.2.1 encourages it); an {@code Age} that is not exactly one non-negative
 * integer (a list, a parameter, a fraction) makes it stale too (§5.1 asks for the first member of a
 * list, but two values say at least one hop saw an older response); heuristic freshness is 10 % of
 * the time since {@code Last-Modified}, capped.
 */
public final class ResponseRules {
  /** RFC 9110 §15.1: cacheable by default, i.e. heuristic freshness allowed. */
  static final Set<Integer> HEURISTIC =
      Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);

  /**
   * Status codes of RFC 9110 the edge implements, for {@code must-understand} (RFC 9111 §5.2.2.3).
   */
  static final Set<Integer> UNDERSTOOD =
      Set.of(
          200, 203, 204, 206, 300, 301, 302, 303, 307, 308, 400, 403, 404, 405, 410, 414, 500, 501,
          502, 503, 504);

  static final int MAX_STORED_HEADER_BYTES = 32 * 1024;

  private final HttpOriginConfig config;
  private final String self;

  /**
   * @param self this edge's name: the target it answers to in {@code Surrogate-Control}
   */
  public ResponseRules(HttpOriginConfig config, String self) {
    this.config = config;
    this.self = self;
  }

  public String self() {
    return self;
  }

  /** A response and what was decided about it. */
  public record Verdict(StoreDecision decision, HttpMeta meta) {
    public boolean stored() {
      return decision == StoreDecision.STORED;
    }
  }

  /** The directives that govern this edge's caching of a response with these lines. */
  Directives governing(List<List<String>> lines) {
    Directives cdn = Directives.parse(values(lines, "CDN-Cache-Control"));
    if (!cdn.isEmpty()) return cdn;
    Directives surrogate = Directives.parse(values(lines, "Surrogate-Control"), self);
    if (!surrogate.isEmpty()) return surrogate;
    return Directives.parse(values(lines, "Cache-Control"));
  }

  private boolean targeted(List<List<String>> lines) {
    return !Directives.parse(values(lines, "CDN-Cache-Control")).isEmpty()
        || !Directives.parse(values(lines, "Surrogate-Control"), self).isEmpty();
  }

  /**
   * Judges a response to a GET the edge sent: {@code authorized} when the viewer's request carried
   * {@code Authorization}; {@code partialAsked} when the edge asked for a slice (a 206 is then
   * whole for its range).
   */
  public Verdict judge(HttpMeta meta, boolean authorized, boolean partialAsked) {
    List<List<String>> lines = meta.headers();
    Directives d = governing(lines);
    HttpMeta computed = withFreshness(meta, d);
    StoreDecision decision = decide(computed, d, authorized, partialAsked);
    return new Verdict(decision, computed.withShared(decision == StoreDecision.STORED));
  }

  /**
   * The stored response revalidated by a 304 at these times: its lines updated, its freshness
   * recomputed.
   */
  public HttpMeta revalidated(
      HttpMeta stored, List<List<String>> updatedLines, long requestMillis, long responseMillis) {
    HttpMeta m =
        new HttpMeta(
            stored.status(),
            updatedLines,
            requestMillis,
            responseMillis,
            stored.total(),
            stored.offset(),
            stored.selecting(),
            0,
            0,
            false,
            0,
            0,
            List.of(),
            true);
    return withFreshness(m, governing(updatedLines));
  }

  private StoreDecision decide(HttpMeta m, Directives d, boolean authorized, boolean partialAsked) {
    int status = m.status();
    boolean understood = UNDERSTOOD.contains(status);
    if (d.has("must-understand") && !understood) return StoreDecision.MUST_UNDERSTAND;
    if (d.has("no-store") && !(d.has("must-understand") && understood))
      return StoreDecision.NO_STORE;
    if (d.unqualified("private")) return StoreDecision.PRIVATE;
    if (authorized && !(d.has("public") || d.has("s-maxage") || d.has("must-revalidate")))
      return StoreDecision.AUTHORIZATION;
    if (varyNames(m.headers()).contains("*")) return StoreDecision.VARY_STAR;
    if (status == 206 && !partialAsked || status == 304) return StoreDecision.INCOMPLETE;
    boolean explicit = explicitLifetime(m.headers(), d, m.responseMillis()).isPresent();
    if (!explicit && !d.has("public") && !HEURISTIC.contains(status))
      return StoreDecision.NOT_CACHEABLE;
    boolean validator = m.first("ETag") != null || m.first("Last-Modified") != null;
    if (!m.fresh(m.responseMillis())
        && !validator
        && m.staleIfErrorMillis() == 0
        && m.staleWhileRevalidateMillis() == 0) {
      return StoreDecision.NO_FRESHNESS;
    }
    if (headerBytes(m) > MAX_STORED_HEADER_BYTES) return StoreDecision.HEADERS_TOO_LARGE;
    return StoreDecision.STORED;
  }

  /** The meta with its freshness fields computed from its lines and times. */
  private HttpMeta withFreshness(HttpMeta m, Directives d) {
    List<List<String>> lines = m.headers();
    long dateMillis = date(lines, m.responseMillis());
    long lifetime = lifetimeMillis(m, d, dateMillis);
    long ageValue = ageValueMillis(lines);
    long initialAge;
    if (ageValue < 0) {
      initialAge = Long.MAX_VALUE / 4; // invalid Age: stale from the start
      lifetime = 0;
    } else {
      // Date has whole seconds: a difference within the second says nothing of age (it would make a
      // max-age=2 response stale after one second whenever it crossed a second boundary).
      long apparent = Math.max(0, (m.responseMillis() - dateMillis) / 1000 * 1000);
      long corrected = ageValue + Math.max(0, m.responseMillis() - m.requestMillis());
      initialAge = Math.max(apparent, corrected);
    }
    boolean noCache = d.unqualified("no-cache");
    boolean noStale =
        noCache || d.has("must-revalidate") || d.has("proxy-revalidate") || d.has("s-maxage");
    long freshUntil =
        noCache
            ? Long.MIN_VALUE
            : m.responseMillis() + lifetime - Math.min(initialAge, Long.MAX_VALUE / 4);
    long swr = noStale ? 0 : seconds(d.seconds("stale-while-revalidate")) * 1000;
    long sie = noStale ? 0 : seconds(d.seconds("stale-if-error")) * 1000;
    return new HttpMeta(
        m.status(),
        lines,
        m.requestMillis(),
        m.responseMillis(),
        m.total(),
        m.offset(),
        m.selecting(),
        freshUntil,
        ageValue < 0 ? 0 : initialAge,
        noStale,
        swr,
        sie,
        d.fieldNames("no-cache"),
        m.shared());
  }

  private static long seconds(OptionalLong value) {
    return value.isPresent() && value.getAsLong() > 0 ? value.getAsLong() : 0;
  }

  /** Explicit lifetime in ms (invalid values give 0), or empty when the response has none. */
  private OptionalLong explicitLifetime(
      List<List<String>> lines, Directives d, long receivedMillis) {
    OptionalLong shared = d.seconds("s-maxage");
    if (shared.isPresent()) return OptionalLong.of(Math.max(0, shared.getAsLong()) * 1000);
    OptionalLong maxAge = d.seconds("max-age");
    if (maxAge.isPresent()) return OptionalLong.of(Math.max(0, maxAge.getAsLong()) * 1000);
    if (targeted(lines)) return OptionalLong.empty(); // Expires is ignored with a targeted field
    List<String> expires = values(lines, "Expires");
    if (expires.isEmpty()) return OptionalLong.empty();
    long at = HttpTime.parse(expires.getFirst(), System.currentTimeMillis());
    if (at == HttpTime.INVALID) return OptionalLong.of(0);
    return OptionalLong.of(Math.max(0, at - date(lines, receivedMillis)));
  }

  private long lifetimeMillis(HttpMeta m, Directives d, long dateMillis) {
    OptionalLong explicit = explicitLifetime(m.headers(), d, m.responseMillis());
    if (explicit.isPresent()) return explicit.getAsLong();
    String lastModified = m.first("Last-Modified");
    long modified = HttpTime.parse(lastModified, m.responseMillis());
    if (modified == HttpTime.INVALID || modified > dateMillis) return 0;
    return Math.min((dateMillis - modified) / 10, config.heuristicMax().toMillis());
  }

  /**
   * The {@code Date} in ms; {@code fallback} when absent or invalid (RFC 9110 §6.6.1: the receipt
   * time).
   */
  private static long date(List<List<String>> lines, long fallback) {
    List<String> dates = values(lines, "Date");
    long date =
        dates.isEmpty()
            ? HttpTime.INVALID
            : HttpTime.parse(dates.getFirst(), System.currentTimeMillis());
    return date == HttpTime.INVALID ? fallback : date;
  }

  /** age_value in ms: 0 without {@code Age}, -1 when it is not exactly one non-negative integer. */
  static long ageValueMillis(List<List<String>> lines) {
    List<String> ages = values(lines, "Age");
    if (ages.isEmpty()) return 0;
    if (ages.size() > 1) return -1;
    long seconds = Directives.deltaSeconds(ages.getFirst().strip());
    return seconds < 0 ? -1 : seconds * 1000;
  }

  /** The field names {@code Vary} lists, lower case; {@code *} included as such. */
  public static List<String> varyNames(List<List<String>> lines) {
    return values(lines, "Vary").stream()
        .flatMap(v -> Directives.split(v).stream())
        .map(n -> n.strip().toLowerCase(Locale.ROOT))
        .filter(n -> !n.isEmpty())
        .distinct()
        .toList();
  }

  private static long headerBytes(HttpMeta m) {
    long n = 0;
    for (List<String> line : m.headers()) n += line.get(0).length() + line.get(1).length() + 4;
    return n;
  }

  static List<String> values(List<List<String>> lines, String name) {
    List<String> values = new java.util.ArrayList<>(1);
    for (List<String> line : lines) {
      if (line.get(0).equalsIgnoreCase(name)) values.add(line.get(1));
    }
    return values;
  }
}
