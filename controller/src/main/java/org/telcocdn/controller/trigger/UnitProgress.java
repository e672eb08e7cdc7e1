package org.telcocdn.controller.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;

/**
 * An active preposition's units against their edges: pushes queued units while a window is open,
 * reads running ones, releases replicas once their site's first copy is done, and finishes the
 * trigger when every unit has. An edge that cannot be reached is asked again next tick; an edge
 * that forgot a job (it restarted) is given it again, and skips what it already holds.
 */
final class UnitProgress {
  private static final Logger log = LoggerFactory.getLogger(UnitProgress.class);

  private final EdgeJobs edges;
  private final long defaultRate;

  UnitProgress(EdgeJobs edges, long defaultRate) {
    this.edges = edges;
    this.defaultRate = defaultRate;
  }

  Trigger advance(Trigger t, TriggerCommand command, long now) {
    TimeWindow window = command.window(now);
    if (window == null) return windowEnded(t, now);
    List<TriggerError> errors = new ArrayList<>();
    List<Unit> next = new ArrayList<>();
    for (Unit u : t.units()) {
      Unit moved =
          switch (u.state()) {
            case WAITING -> released(u, t.units());
            case QUEUED -> window.contains(now) ? push(t.id(), u, command, window, errors) : u;
            case RUNNING -> read(t.id(), u, errors);
            default -> u;
          };
      next.add(moved);
    }
    Trigger updated = changed(t.units(), next) ? t.units(next, now) : t;
    for (TriggerError e : errors) updated = updated.error(e, now);
    if (next.stream().allMatch(u -> u.state().finished())) return finished(updated, now);
    return updated.etime(estimate(updated, command, now));
  }

  /** Stops a unit on its edge (best effort) and marks it as {@code why}. */
  Unit stop(String triggerId, Unit u, String why) {
    if (u.state().finished()) return u;
    if (u.state() == UnitState.RUNNING) {
      try {
        edges.cancel(triggerId, u);
      } catch (ApiException e) {
        log.warn("cancel of {} on {}: {}", u.job(triggerId), u.edge(), e.getMessage());
      }
    }
    return u.state(UnitState.CANCELLED, why);
  }

  private Trigger windowEnded(Trigger t, long now) {
    List<Unit> units = new ArrayList<>();
    long left = 0;
    for (Unit u : t.units()) {
      Unit stopped = stop(t.id(), u, "the fill window ended");
      if (stopped != u) {
        stopped = stopped.state(UnitState.FAILED, "the fill window ended");
        left++;
      }
      units.add(stopped);
    }
    Trigger ended =
        t.units(units, now)
            .error(
                TriggerError.of(
                    TriggerErrorCode.EREJECT,
                    "the last fill window ended with " + left + " units unfinished"),
                now);
    return finished(ended, now);
  }

  private Unit released(Unit u, List<Unit> all) {
    Optional<Unit> first =
        all.stream()
            .filter(
                o ->
                    o.site().equals(u.site())
                        && o.videoId().equals(u.videoId())
                        && o.from() == null)
            .findFirst();
    if (first.isEmpty()) return u.state(UnitState.QUEUED, null);
    return switch (first.get().state()) {
      case DONE -> u.state(UnitState.QUEUED, null);
      case REFUSED, FAILED, CANCELLED ->
          new Unit(
              u.site(),
              u.edge(),
              u.edgeUrl(),
              u.videoId(),
              u.paths(),
              null,
              UnitState.QUEUED,
              0,
              0,
              0,
              0,
              "the site's first copy did not complete; filled from the origin");
      default -> u;
    };
  }

  private Unit push(
      String id, Unit u, TriggerCommand command, TimeWindow window, List<TriggerError> errors) {
    long deadline = window.end() == Long.MAX_VALUE ? 0 : window.end();
    try {
      return apply(
          u.state(UnitState.RUNNING, null),
          edges.push(id, u, command.maxRate(), command.priority(), deadline),
          errors);
    } catch (ApiException e) {
      if (e.status() == 409 || e.status() == 507) {
        errors.add(
            TriggerError.site(
                TriggerErrorCode.EREJECT,
                u.site(),
                u.edge() + " refused " + u.videoId() + ": " + e.getMessage()));
        return u.state(UnitState.REFUSED, e.getMessage());
      }
      if (e.status() == 404 && "unknown_content".equals(e.error())) {
        errors.add(
            TriggerError.content(List.of(u.videoId()), "the origin has no title " + u.videoId()));
        return u.state(UnitState.FAILED, e.getMessage());
      }
      log.warn(
          "push of {} to {} failed, retried next tick: {}", u.job(id), u.edge(), e.getMessage());
      return u.state(UnitState.QUEUED, e.getMessage());
    }
  }

  private Unit read(String id, Unit u, List<TriggerError> errors) {
    try {
      return apply(u, edges.status(id, u), errors);
    } catch (ApiException e) {
      if (e.status() == 404)
        return u.state(UnitState.QUEUED, "the edge no longer knows the job; pushed again");
      return u;
    }
  }

  private static Unit apply(Unit u, EdgeJob job, List<TriggerError> errors) {
    Unit p = u.progress(job);
    return switch (job.state()) {
      case "done" ->
          job.failedObjects() == 0
              ? p.state(UnitState.DONE, null)
              : failed(
                  p, job.failedObjects() + " objects could not be stored: " + job.reason(), errors);
      case "failed" -> failed(p, job.reason(), errors);
      case "refused" -> {
        errors.add(
            TriggerError.site(
                TriggerErrorCode.EREJECT,
                u.site(),
                u.edge() + " refused " + u.videoId() + ": " + job.reason()));
        yield p.state(UnitState.REFUSED, job.reason());
      }
      case "unknown_content" -> {
        errors.add(
            TriggerError.content(List.of(u.videoId()), "the origin has no title " + u.videoId()));
        yield p.state(UnitState.FAILED, job.reason());
      }
      case "cancelled" -> p.state(UnitState.CANCELLED, job.reason());
      case "expired" -> p.state(UnitState.QUEUED, "its window ended on the edge");
      default -> p;
    };
  }

  private static Unit failed(Unit u, String why, List<TriggerError> errors) {
    errors.add(
        TriggerError.site(
            TriggerErrorCode.ECDN, u.site(), u.edge() + ", " + u.videoId() + ": " + why));
    return u.state(UnitState.FAILED, why);
  }

  /**
   * complete when every unit is done and nothing went wrong; processed when some part was done;
   * failed when nothing was.
   */
  static Trigger finished(Trigger t, long now) {
    long done = t.units().stream().filter(u -> u.state() == UnitState.DONE).count();
    TriggerStatus status =
        done == t.units().size() && t.errors().isEmpty()
            ? TriggerStatus.COMPLETE
            : done > 0 ? TriggerStatus.PROCESSED : TriggerStatus.FAILED;
    return t.status(status, now).etime(now);
  }

  private Long estimate(Trigger t, TriggerCommand command, long now) {
    return CompletionEstimate.of(t, command.maxRate(), defaultRate, now);
  }

  private static boolean changed(List<Unit> before, List<Unit> after) {
    return !before.equals(after);
  }
}
