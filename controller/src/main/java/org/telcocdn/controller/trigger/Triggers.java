package org.telcocdn.controller.trigger;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;

/**
 * Every trigger the controller knows, in memory and in its {@link TriggerStore}: each change is
 * written before it is visible, so what a client read survives a restart. Finished triggers are
 * kept for {@code retention} after their last change (RFC 8007 asks for at least 24 h), then
 * forgotten; unfinished ones are capped, and all of them at ten times that (the oldest finished go
 * first), so submitting cannot grow the controller without bound.
 */
public final class Triggers {
  private static final Logger log = LoggerFactory.getLogger(Triggers.class);

  private final ConcurrentHashMap<String, Trigger> byId = new ConcurrentHashMap<>();
  private final TriggerStore store;
  private final Clock clock;
  private final Duration retention;
  private final int maxUnfinished;

  /** Triggers kept at most, per unfinished one allowed. */
  static final int KEPT_PER_UNFINISHED = 10;

  public Triggers(TriggerStore store, Clock clock, Duration retention, int maxUnfinished) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
    this.maxUnfinished = maxUnfinished;
    store.load().forEach(t -> byId.put(t.id(), t));
    if (!byId.isEmpty()) log.info("{} triggers read back from the store", byId.size());
  }

  long now() {
    return clock.millis() / 1000;
  }

  Clock clock() {
    return clock;
  }

  Duration retention() {
    return retention;
  }

  public Trigger submit(TriggerCommand command) {
    synchronized (this) {
      long unfinished = byId.values().stream().filter(t -> !t.status().finished()).count();
      if (unfinished >= maxUnfinished) {
        throw new ApiException(
            503,
            "too_many_triggers",
            unfinished
                + " triggers are unfinished (at most "
                + maxUnfinished
                + "); cancel some or wait");
      }
      forgetOldestFinishedBeyond(maxUnfinished * KEPT_PER_UNFINISHED - 1);
      Trigger created = Trigger.created(newId(), command.json(), now());
      store.save(created);
      byId.put(created.id(), created);
      log.info("trigger {} {} submitted", created.id(), command.type().json());
      return created;
    }
  }

  public Optional<Trigger> get(String id) {
    return TriggerStore.ID.matcher(id).matches()
        ? Optional.ofNullable(byId.get(id))
        : Optional.empty();
  }

  public List<Trigger> list(Optional<TriggerStatus> status) {
    return byId.values().stream()
        .filter(t -> status.isEmpty() || t.status() == status.get())
        .sorted(Comparator.comparingLong(Trigger::ctime).thenComparing(Trigger::id))
        .toList();
  }

  /** Unfinished triggers, oldest first: the runner's work. */
  List<Trigger> unfinished() {
    return list(Optional.empty()).stream().filter(t -> !t.status().finished()).toList();
  }

  /**
   * RFC 8007 section 5.1.4: a cancel of an unfinished trigger makes it {@code cancelling} until its
   * edges have stopped; a finished trigger is left as it is.
   */
  public Trigger cancel(String id) {
    return update(
        id,
        t ->
            t.status().finished() || t.status() == TriggerStatus.CANCELLING
                ? t
                : t.status(TriggerStatus.CANCELLING, now()));
  }

  /** DELETE: cancels an unfinished trigger, forgets a finished one. Empty when it was forgotten. */
  public Optional<Trigger> delete(String id) {
    Trigger t = require(id);
    if (!t.status().finished()) return Optional.of(cancel(id));
    synchronized (this) {
      store.delete(id);
      byId.remove(id);
    }
    return Optional.empty();
  }

  /** Applies {@code change} and stores the result before anyone else can see it. */
  Trigger update(String id, UnaryOperator<Trigger> change) {
    synchronized (this) {
      Trigger before = require(id);
      Trigger after = change.apply(before);
      if (after != before) {
        store.save(after);
        byId.put(id, after);
      }
      return after;
    }
  }

  /** Forgets finished triggers older than the retention; returns how many. */
  int expire() {
    long cutoff = now() - retention.toSeconds();
    int removed = 0;
    for (Trigger t : list(Optional.empty())) {
      if (t.status().finished() && t.mtime() < cutoff) {
        synchronized (this) {
          store.delete(t.id());
          byId.remove(t.id());
        }
        removed++;
      }
    }
    return removed;
  }

  /**
   * Keeps memory and disk bounded whatever clients submit: past {@code limit} triggers, finished
   * ones are forgotten oldest first, even inside the retention (which RFC 8007 asks for; a flood of
   * triggers that fail at once would otherwise grow the controller for 48 h).
   */
  private void forgetOldestFinishedBeyond(int limit) {
    if (byId.size() <= limit) return;
    for (Trigger t : list(Optional.empty())) {
      if (byId.size() <= limit) return;
      if (!t.status().finished()) continue;
      store.delete(t.id());
      byId.remove(t.id());
      log.info("trigger {} forgotten before its retention: {} triggers kept", t.id(), byId.size());
    }
  }

  private Trigger require(String id) {
    return get(id).orElseThrow(() -> ApiException.notFound("no trigger " + id));
  }

  private String newId() {
    return Long.toString(clock.millis(), 36)
        + "-"
        + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30), 36);
  }
}
