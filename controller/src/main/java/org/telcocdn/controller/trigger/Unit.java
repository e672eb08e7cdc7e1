package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One unit of a preposition: one title (or some of its objects, {@code paths}) to one edge, from
 * the origin or, for a replica, from {@code from}, the site peer that holds the site's first copy.
 * Its progress is what the edge last reported; units are stored with the trigger, so a restarted
 * controller resumes them (an edge skips what it already holds, so nothing is fetched twice).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Unit(
    String site,
    String edge,
    String edgeUrl,
    String videoId,
    List<String> paths,
    String from,
    UnitState state,
    long objects,
    long bytes,
    long objectsDone,
    long bytesDone,
    String reason) {

  public Unit {
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  static Unit queued(SiteTarget target, String videoId, List<String> paths, String from) {
    return new Unit(
        target.site(),
        target.edge(),
        target.edgeUrl(),
        videoId,
        paths,
        from,
        from == null ? UnitState.QUEUED : UnitState.WAITING,
        0,
        0,
        0,
        0,
        null);
  }

  Unit state(UnitState next, String why) {
    return new Unit(
        site,
        edge,
        edgeUrl,
        videoId,
        paths,
        from,
        next,
        objects,
        bytes,
        objectsDone,
        bytesDone,
        why);
  }

  Unit progress(long objects, long bytes, long objectsDone, long bytesDone) {
    return new Unit(
        site,
        edge,
        edgeUrl,
        videoId,
        paths,
        from,
        state,
        objects,
        bytes,
        objectsDone,
        bytesDone,
        reason);
  }

  /** The edge's job name for this unit: unique per trigger, title and edge. */
  String job(String triggerId) {
    return triggerId + "." + videoId;
  }
}
