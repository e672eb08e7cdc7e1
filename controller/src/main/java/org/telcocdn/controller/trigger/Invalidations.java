package org.telcocdn.controller.trigger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.video.VideoId;

/**
 * Invalidate and purge through the existing path: the broker commits a new version of each title to
 * the cache index and tells every edge, which drops the title's objects. Both act on whole titles
 * (an object URL or a pattern invalidates the title it names) and both remove the copies, so here
 * {@code invalidate} and {@code purge} do the same thing (docs/continuum.md).
 */
final class Invalidations {
  private final Invalidator broker;

  Invalidations(Invalidator broker) {
    this.broker = broker;
  }

  Trigger run(Trigger t, TriggerCommand command, long now) {
    List<TriggerError> errors = new ArrayList<>();
    ContentTargets targets = ContentTargets.of(command.ccids(), command.contentUrls());
    Set<String> titles = new LinkedHashSet<>(targets.titles().keySet());
    if (!targets.notUnderstood().isEmpty())
      errors.add(
          TriggerError.urls(
              TriggerErrorCode.ECONTENT,
              targets.notUnderstood(),
              "not an object URL of this CDN (…/videos/{id}/{path})"));
    List<String> badPatterns = new ArrayList<>();
    for (String pattern : command.contentPatterns()) {
      String id = titleOf(pattern);
      if (id == null) badPatterns.add(pattern);
      else titles.add(id);
    }
    if (!badPatterns.isEmpty())
      errors.add(
          TriggerError.urls(
              TriggerErrorCode.EUNSUPPORTED,
              badPatterns,
              "only patterns naming one title (…/videos/{id}/…) are acted on"));
    if (!command.metadataUrls().isEmpty())
      errors.add(
          TriggerError.urls(
              TriggerErrorCode.EUNSUPPORTED,
              command.metadataUrls(),
              "this CDN keeps no CDNI metadata (RFC 8006)"));
    int done = 0;
    for (String id : titles) {
      if (!VideoId.isValid(id)) {
        errors.add(TriggerError.content(List.of(id), "not a video id"));
        continue;
      }
      try {
        broker.invalidate(id, "trigger-" + command.type().json());
        done++;
      } catch (ApiException e) {
        errors.add(
            new TriggerError(
                TriggerErrorCode.ECDN,
                List.of(id),
                List.of(),
                List.of(),
                "the broker did not invalidate it: " + e.getMessage()));
      }
    }
    Trigger out = t;
    for (TriggerError e : errors) out = out.error(e, now);
    TriggerStatus status =
        errors.isEmpty()
            ? TriggerStatus.COMPLETE
            : done > 0 ? TriggerStatus.PROCESSED : TriggerStatus.FAILED;
    return out.status(status, now).etime(now);
  }

  /** The title a pattern such as {@code https://cdn.example/videos/abc/*} names, or null. */
  private static String titleOf(String pattern) {
    int at = pattern.indexOf("/videos/");
    if (at < 0) return null;
    String rest = pattern.substring(at + "/videos/".length());
    int end = rest.indexOf('/');
    String id = end < 0 ? rest : rest.substring(0, end);
    return VideoId.isValid(id) ? id : null;
  }
}
