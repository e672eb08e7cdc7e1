package org.telcocdn.raw.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.raw.OriginMetrics;
import org.telcocdn.raw.OriginMetrics.RecoveryOutcome;
import org.telcocdn.raw.store.VideoStore;

/**
 * At start-up, reconciles the store with the catalog: every committed video that still carries a
 * {@link PendingRegistration} (the origin stopped between commit and registration) is looked up in
 * vid-metadata and registered if it is not there. vid-metadata may start after the origin or be
 * down, so this runs on its own thread and retries what it could not settle, with a growing pause
 * (up to {@link #MAX_PAUSE}), until every video is settled or the origin stops. A registration
 * vid-metadata refuses (4xx other than 409) is settled the way a live ingest settles it: the video
 * is removed, so the store holds no video the catalog will never list. Videos without the file are
 * left alone: one deleted from the catalog on purpose is not brought back.
 */
public final class RegistrationRecovery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RegistrationRecovery.class);
  static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final VideoStore store;
  private final MetadataRegistry registry;
  private final OriginMetrics metrics;
  private volatile Thread thread;

  public RegistrationRecovery(VideoStore store, MetadataRegistry registry, OriginMetrics metrics) {
    this.store = store;
    this.registry = registry;
    this.metrics = metrics;
  }

  /** Starts settling what the store owes the catalog; returns at once. */
  public RegistrationRecovery start() {
    thread = Thread.ofVirtual().name("registration-recovery").start(this::run);
    return this;
  }

  private void run() {
    List<String> owed = owed();
    if (!owed.isEmpty())
      log.info("{} committed videos were never confirmed by vid-metadata: {}", owed.size(), owed);
    Duration pause = FIRST_PAUSE;
    while (!owed.isEmpty() && !Thread.currentThread().isInterrupted()) {
      owed.removeIf(id -> settle(id) != RecoveryOutcome.RETRY);
      if (owed.isEmpty()) break;
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  private List<String> owed() {
    List<String> owed = new ArrayList<>();
    try {
      for (String id : store.ids()) {
        if (PendingRegistration.read(store.videoDir(id)).isPresent()) owed.add(id);
      }
    } catch (IOException e) {
      log.error("cannot list the store to reconcile it with vid-metadata", e);
    }
    return owed;
  }

  /** One attempt for one video. */
  RecoveryOutcome settle(String id) {
    RecoveryOutcome outcome;
    try {
      outcome = attempt(id);
    } catch (ApiException e) {
      outcome = e.status() / 100 == 4 && e.status() != 409 ? remove(id, e) : RecoveryOutcome.RETRY;
      if (outcome == RecoveryOutcome.RETRY)
        log.info(
            "video {}: vid-metadata not ready ({} {}), trying again later",
            id,
            e.status(),
            e.getMessage());
    } catch (IOException e) {
      log.warn("video {}: cannot read or clear its pending registration: {}", id, e.toString());
      outcome = RecoveryOutcome.RETRY;
    }
    metrics.recovery(outcome);
    return outcome;
  }

  private RecoveryOutcome attempt(String id) throws IOException {
    Path dir = store.videoDir(id);
    Optional<VideoRegistration> pending = PendingRegistration.read(dir);
    if (pending.isEmpty()) return RecoveryOutcome.ALREADY_REGISTERED;
    if (registry.isRegistered(id)) {
      PendingRegistration.clear(dir);
      log.info("video {} was registered before the origin stopped; nothing owed", id);
      return RecoveryOutcome.ALREADY_REGISTERED;
    }
    registry.register(pending.get());
    PendingRegistration.clear(dir);
    log.info(
        "video {} '{}' registered at start-up: it was committed but never registered",
        id,
        pending.get().name());
    return RecoveryOutcome.REGISTERED;
  }

  private RecoveryOutcome remove(String id, ApiException refusal) {
    store.delete(id);
    log.warn(
        "video {}: vid-metadata refuses its registration ({} {}); removed it, as an ingest would",
        id,
        refusal.status(),
        refusal.getMessage());
    return RecoveryOutcome.REMOVED;
  }

  /**
   * For tests: waits until every owed video is settled or {@code timeout} passes; true if settled.
   */
  boolean awaitSettled(Duration timeout) throws InterruptedException {
    Thread running = thread;
    return running == null || running.join(timeout);
  }

  @Override
  public void close() {
    Thread running = thread;
    if (running != null) running.interrupt();
  }
}
