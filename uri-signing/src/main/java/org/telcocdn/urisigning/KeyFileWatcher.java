package org.telcocdn.urisigning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a key file when it changes, so {@code cdn keys rotate} and {@code retire} take effect
 * without a restart. Every {@code interval} it compares the file's modification time, size and file
 * key (inode): a rotation replaces the file by a rename, so the inode alone already changes. A file
 * that does not parse is logged and skipped, and the keys loaded before stay in force: a
 * half-edited file never leaves a service without keys.
 *
 * @param <T> the parsed key set
 */
public final class KeyFileWatcher<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeyFileWatcher.class);

  private final Path file;
  private final Function<String, T> parser;
  private final T initial;
  private ScheduledExecutorService poller;
  private Consumer<T> onChange;
  private Object seen;

  private KeyFileWatcher(Path file, Function<String, T> parser) {
    this.file = file;
    this.parser = parser;
    this.seen =
        stamp(); // before the read: a change in between is read now and once more later, never
    // missed
    this.initial = parser.apply(KeyFile.read(file));
  }

  /**
   * Reads {@code file} now, failing if it cannot be read or parsed: a service does not start
   * without its keys.
   */
  public static <T> KeyFileWatcher<T> open(Path file, Function<String, T> parser) {
    return new KeyFileWatcher<>(file, parser);
  }

  /** The keys as read by {@link #open}. */
  public T initial() {
    return initial;
  }

  /** Polls every {@code interval} from now on and hands each new set to {@code onChange}. */
  public KeyFileWatcher<T> start(Duration interval, Consumer<T> onChange) {
    this.onChange = onChange;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("key-file-" + file.getFileName()).factory());
    long millis = Math.max(1, interval.toMillis());
    poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void poll() {
    Object stamp = stamp();
    if (stamp == null || Objects.equals(stamp, seen)) return;
    try {
      T keys = parser.apply(KeyFile.read(file));
      seen = stamp;
      onChange.accept(keys);
      log.atInfo()
          .addKeyValue("event", "keys_reloaded")
          .addKeyValue("file", file.toString())
          .log("reloaded {}", file);
    } catch (RuntimeException e) {
      seen = stamp; // logged once per change, not on every poll
      log.warn(
          "{} changed but cannot be used ({}); the keys loaded before stay in force",
          file,
          e.getMessage());
    }
  }

  /**
   * Null when the file cannot be read (e.g. between a delete and a rename): then nothing changes.
   */
  private Object stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (poller != null) poller.shutdownNow();
  }
}
