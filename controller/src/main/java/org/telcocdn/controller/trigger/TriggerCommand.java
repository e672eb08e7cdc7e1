package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.telcocdn.common.http.ApiException;

/**
 * A CI/T trigger specification (RFC 8007 section 5.2.1), checked: its type, targets and the
 * extensions this CDN enforces ({@link TriggerExtensions}). Everything a client can get wrong is a
 * 400 naming the field; what can only be found out by acting on it (an unknown title) is an error
 * of the status resource instead.
 *
 * @param json the specification as submitted, echoed in the status resource
 * @param allowSites the sites a location policy allows; empty = every site
 */
public record TriggerCommand(
    JsonNode json,
    TriggerType type,
    List<String> ccids,
    List<String> contentUrls,
    List<String> metadataUrls,
    List<String> contentPatterns,
    Set<String> allowSites,
    Set<String> denySites,
    List<TimeWindow> windows,
    int priority,
    long maxRate) {

  /** Targets per trigger at most: a status resource stays small enough to keep and answer. */
  static final int MAX_TARGETS = 10_000;

  /**
   * @param knownSites the sites a location policy may name; null skips the check (a stored trigger
   *     read back after a restart)
   * @param now Unix seconds; a window that has ended by then is refused, unless {@code knownSites}
   *     is null
   */
  public static TriggerCommand parse(JsonNode trigger, Set<String> knownSites, long now) {
    if (trigger == null || !trigger.isObject())
      throw ApiException.badRequest("trigger: must be an object {\"type\": ..., targets...}");
    TriggerType type =
        TriggerType.parse(trigger.path("type").asText(""))
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "trigger.type: must be preposition, invalidate or purge, was "
                            + trigger.path("type")));
    List<String> ccids = strings(trigger, "content.ccid");
    List<String> urls = strings(trigger, "content.urls");
    List<String> metadata = strings(trigger, "metadata.urls");
    List<String> patterns = strings(trigger, "content.patterns");
    List<String> metadataPatterns = strings(trigger, "metadata.patterns");
    if (type == TriggerType.PREPOSITION) {
      refusePatterns("content.patterns", patterns);
      refusePatterns("metadata.patterns", metadataPatterns);
    }
    urls.forEach(u -> absolute("trigger.content.urls", u));
    metadata.forEach(u -> absolute("trigger.metadata.urls", u));
    if (ccids.size() + urls.size() + metadata.size() + patterns.size() + metadataPatterns.size()
        == 0) {
      throw ApiException.badRequest(
          "trigger: names no target (content.ccid, content.urls, metadata.urls, content.patterns)");
    }
    TriggerExtensions ext = TriggerExtensions.parse(trigger.path("extensions"), knownSites, now);
    return new TriggerCommand(
        trigger,
        type,
        ccids,
        urls,
        metadata,
        patterns,
        ext.allow(),
        ext.deny(),
        ext.windows(),
        ext.priority(),
        ext.maxRate());
  }

  /** Whether {@code site} is a target of this trigger's location policy. */
  public boolean targets(String site) {
    return (allowSites.isEmpty() || allowSites.contains(site)) && !denySites.contains(site);
  }

  /** The window open at {@code now}, or the next one; null when every window has ended. */
  TimeWindow window(long now) {
    if (windows.isEmpty()) return new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE);
    return windows.stream()
        .filter(w -> w.end() > now)
        .min((a, b) -> Long.compare(a.start(), b.start()))
        .orElse(null);
  }

  private static void refusePatterns(String field, List<String> patterns) {
    if (!patterns.isEmpty()) {
      throw ApiException.badRequest(
          "trigger."
              + field
              + ": not allowed in a preposition trigger (RFC 8007 section 5.2.1); name the content by"
              + " content.ccid or content.urls");
    }
  }

  private static List<String> strings(JsonNode trigger, String field) {
    JsonNode node = trigger.get(field);
    if (node == null || node.isNull()) return List.of();
    if (!node.isArray())
      throw ApiException.badRequest("trigger." + field + ": must be an array of strings");
    if (node.size() > MAX_TARGETS)
      throw ApiException.badRequest(
          "trigger." + field + ": at most " + MAX_TARGETS + " entries, was " + node.size());
    List<String> out = new ArrayList<>();
    for (JsonNode v : node) {
      if (!v.isTextual() || v.asText().isBlank())
        throw ApiException.badRequest("trigger." + field + ": must be an array of strings");
      out.add(v.asText());
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  private static void absolute(String field, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) return;
    } catch (java.net.URISyntaxException e) {
      // refused below
    }
    throw ApiException.badRequest(field + ": '" + url + "' is not an absolute http(s) URL");
  }
}
