package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One unit of a preposition: one title (or some of its objects, {@code paths}) to one edge, from
 * the edge's upstream (its parent caches, else the origin) or, for a replica, from {@code from},
 * the site peer that holds the site's first copy. Its progress, and where its objects came from
 * ({@code source}, {@code sources}, and their bytes {@code sourceBytes}: see docs/continuum.md,
 * "The status resource"), are what the edge last reported; units are stored with the trigger, so a
 * restarted controller resumes them (an edge skips what it already holds, so nothing is fetched
 * twice).
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
    String reason,
    String source,
    Map<String, Long> sources,
    Map<String, Long> sourceBytes) {

  public Unit {
    paths = paths == null ? List.of() : List.copyOf(paths);
    sources = sources == null ? Map.of() : Map.copyOf(sources);
    sourceBytes = sourceBytes == null ? Map.of() : Map.copyOf(sourceBytes);
  }

  /** A unit no edge has reported a source for. */
  public Unit(
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
    this(
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
        reason,
        null,
        null,
        null);
  }

  /**
   * Where its objects came from as its edge said, or before the edge has, where they will: its
   * peer, or the edge's upstream (parents or origin, which only the edge knows).
   */
  String sourceOrPlanned() {
    if (source != null) return source;
    return from == null ? "upstream" : "peer:" + from;
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
        why,
        source,
        sources,
        sourceBytes);
  }

  /** As its edge reported it: counts and where the objects came from. */
  Unit progress(EdgeJob job) {
    return new Unit(
        site,
        edge,
        edgeUrl,
        videoId,
        paths,
        from,
        state,
        job.objects(),
        job.bytes(),
        job.objectsDone(),
        job.bytesDone(),
        reason,
        job.source(),
        job.sources(),
        job.sourceBytes());
  }

  /** The edge's job name for this unit: unique per trigger, title and edge. */
  String job(String triggerId) {
    return triggerId + "." + videoId;
  }
}
