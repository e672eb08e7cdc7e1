package org.telcocdn.controller.trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;

/**
 * Moves every unfinished trigger along, once a tick (and at once after a submit or a cancel), on
 * one thread: plans a pending preposition when its window opens, pushes its units to their edges,
 * reads their progress, stops them when the window closes or the trigger is cancelled, and runs
 * invalidations and purges through the broker. Every change goes through {@link Triggers}, so it is
 * stored before it is shown; a restarted controller picks up where the store says it was.
 */
public final class TriggerRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TriggerRunner.class);

  private final Triggers triggers;
  private final PrepositionPlanner planner;
  private final Invalidations invalidations;
  private final UnitProgress progress;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("controller-triggers").factory());

  public TriggerRunner(
      Triggers triggers,
      Fleet fleet,
      Catalog catalog,
      Invalidator invalidator,
      EdgeJobs edges,
      long defaultRate) {
    this.triggers = triggers;
    this.planner = new PrepositionPlanner(fleet, catalog);
    this.invalidations = new Invalidations(invalidator);
    this.progress = new UnitProgress(edges, defaultRate);
  }

  public void start(Duration tick) {
    timer.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs a tick now (after a submit or a cancel) instead of at the next interval. */
  public void kick() {
    timer.execute(this::tick);
  }

  /** One pass over every unfinished trigger; public for tests that drive time themselves. */
  public void tick() {
    for (Trigger t : triggers.unfinished()) {
      try {
        step(t.id());
      } catch (ApiException e) {
        log.warn("trigger {} waits: {}", t.id(), e.getMessage());
      } catch (RuntimeException e) {
        // A bug must not make a trigger retry forever: it fails, saying so.
        log.error("trigger {} step failed", t.id(), e);
        long now = triggers.now();
        triggers.update(
            t.id(),
            x ->
                x.error(TriggerError.of(TriggerErrorCode.ECDN, "internal error: " + e), now)
                    .status(TriggerStatus.FAILED, now)
                    .etime(now));
      }
    }
    int expired = triggers.expire();
    if (expired > 0) log.info("{} finished triggers past their retention forgotten", expired);
  }

  private void step(String id) {
    Trigger t = triggers.get(id).orElseThrow();
    TriggerCommand command = TriggerCommand.parse(t.command(), null, 0);
    long now = triggers.now();
    switch (t.status()) {
      case CANCELLING -> triggers.update(id, x -> cancelled(x, now));
      case PENDING -> triggers.update(id, x -> start(x, command, now));
      case ACTIVE -> triggers.update(id, x -> progress.advance(x, command, now));
      default -> {}
    }
  }

  private Trigger start(Trigger t, TriggerCommand command, long now) {
    if (command.type() != TriggerType.PREPOSITION) return invalidations.run(t, command, now);
    TimeWindow window = command.window(now);
    if (window == null) {
      return t.error(
              TriggerError.of(
                  TriggerErrorCode.EREJECT, "every fill window ended before it started"),
              now)
          .status(TriggerStatus.FAILED, now)
          .etime(now);
    }
    if (window.start() > now) {
      Long wait = window.start();
      return wait.equals(t.etime()) ? t : t.etime(wait);
    }
    Trigger planned = planner.plan(t, command, now);
    log.info(
        "trigger {} planned: {} units, status {}",
        t.id(),
        planned.units().size(),
        planned.status().json());
    return planned.status() == TriggerStatus.ACTIVE
        ? progress.advance(planned, command, now)
        : planned;
  }

  private Trigger cancelled(Trigger t, long now) {
    List<Unit> units = new ArrayList<>();
    for (Unit u : t.units()) units.add(progress.stop(t.id(), u, "cancelled"));
    log.info("trigger {} cancelled", t.id());
    return t.units(units, now)
        .error(TriggerError.of(TriggerErrorCode.ECANCELED, "cancelled by the requester"), now)
        .status(TriggerStatus.CANCELLED, now)
        .etime(now);
  }

  /**
   * Waits for a tick in progress: it writes the store, and a closed controller must not write a
   * trigger after a restarted one on the same directory read it (or after its directory is gone).
   */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS))
        log.warn("a trigger tick still runs 10 s after close");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
