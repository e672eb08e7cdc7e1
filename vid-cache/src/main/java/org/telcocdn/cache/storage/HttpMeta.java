package org.telcocdn.cache.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * What the edge keeps of an HTTP origin's response besides its body, on disk (in the object file's
 * header, {@link ObjectMeta#http}) and in memory: the status, the end-to-end header lines as the
 * origin sent them (hop-by-hop ones removed, RFC 9110 §7.6.1), the request and response times of
 * RFC 9111 §4.2.3, and what was decided from them when it was stored, so a hit compares two numbers
 * instead of parsing {@code Cache-Control} again.
 *
 * @param headers {@code [name, value]} lines in the origin's order and case
 * @param requestMillis when the request that obtained this response was sent (or revalidated)
 * @param responseMillis when the response head arrived
 * @param total the whole representation's length; larger than the part's size for a slice
 * @param offset where this part starts in the representation (0 unless a slice)
 * @param selecting the request's values of the fields named by {@code Vary}, in order ({@code null}
 *     entries for absent fields); null without {@code Vary}
 * @param freshUntilMillis until when it may be served without asking the origin
 * @param initialAgeMillis RFC 9111's corrected_initial_age, for the {@code Age} sent on hits
 * @param noStale no stale serving at all ({@code must-revalidate}, {@code proxy-revalidate}, {@code
 *     s-maxage}, {@code no-cache}): RFC 9111 §4.2.4
 * @param staleWhileRevalidateMillis RFC 5861 window past freshness served while revalidating
 * @param staleIfErrorMillis RFC 5861 window past freshness served when the origin fails
 * @param hidden field names not to send without revalidation (a qualified {@code no-cache})
 * @param shared may be sent to other viewers than the one it was fetched for (it was, or may be,
 *     stored); false for {@code private}, {@code no-store} and the like, which joined requests
 *     refetch
 */
public record HttpMeta(
    int status,
    List<List<String>> headers,
    long requestMillis,
    long responseMillis,
    long total,
    long offset,
    List<String> selecting,
    long freshUntilMillis,
    long initialAgeMillis,
    boolean noStale,
    long staleWhileRevalidateMillis,
    long staleIfErrorMillis,
    List<String> hidden,
    boolean shared) {

  public HttpMeta {
    headers = headers == null ? List.of() : headers;
    hidden = hidden == null ? List.of() : hidden;
  }

  /** Every value of {@code name} (any case), line by line. */
  public List<String> values(String name) {
    List<String> values = new ArrayList<>(1);
    for (List<String> line : headers) {
      if (line.get(0).equalsIgnoreCase(name)) values.add(line.get(1));
    }
    return values;
  }

  /** The first value of {@code name}, or null. */
  public String first(String name) {
    for (List<String> line : headers) {
      if (line.get(0).equalsIgnoreCase(name)) return line.get(1);
    }
    return null;
  }

  public boolean fresh(long nowMillis) {
    return nowMillis < freshUntilMillis;
  }

  /** RFC 9111 §4.2.3 current_age, in whole seconds as {@code Age} carries it. */
  public long ageSeconds(long nowMillis) {
    return Math.max(0, initialAgeMillis + nowMillis - responseMillis) / 1000;
  }

  /** How long past freshness it is at {@code nowMillis} (0 while fresh). */
  public long staleForMillis(long nowMillis) {
    return Math.max(0, nowMillis - freshUntilMillis);
  }

  public HttpMeta withSelecting(List<String> values) {
    return new HttpMeta(
        status,
        headers,
        requestMillis,
        responseMillis,
        total,
        offset,
        values,
        freshUntilMillis,
        initialAgeMillis,
        noStale,
        staleWhileRevalidateMillis,
        staleIfErrorMillis,
        hidden,
        shared);
  }

  public HttpMeta withShared(boolean may) {
    return new HttpMeta(
        status,
        headers,
        requestMillis,
        responseMillis,
        total,
        offset,
        selecting,
        freshUntilMillis,
        initialAgeMillis,
        noStale,
        staleWhileRevalidateMillis,
        staleIfErrorMillis,
        hidden,
        may);
  }

  public HttpMeta withTotal(long bytes) {
    return new HttpMeta(
        status,
        headers,
        requestMillis,
        responseMillis,
        bytes,
        offset,
        selecting,
        freshUntilMillis,
        initialAgeMillis,
        noStale,
        staleWhileRevalidateMillis,
        staleIfErrorMillis,
        hidden,
        shared);
  }

  public HttpMeta withHeaders(List<List<String>> next) {
    return new HttpMeta(
        status,
        next,
        requestMillis,
        responseMillis,
        total,
        offset,
        selecting,
        freshUntilMillis,
        initialAgeMillis,
        noStale,
        staleWhileRevalidateMillis,
        staleIfErrorMillis,
        hidden,
        shared);
  }
}
