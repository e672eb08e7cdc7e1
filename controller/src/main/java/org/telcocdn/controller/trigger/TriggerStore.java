package org.telcocdn.controller.trigger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.io.DurableFiles;
import org.telcocdn.common.json.Json;

/**
 * Triggers on disk, one JSON file each ({@code {id}.json} under {@code controller.triggers.dir}),
 * each write a {@link DurableFiles#replace}: a new file synced and renamed over the old one, then
 * the directory synced. After a crash a trigger is either its previous state or its new one, never
 * half of either, and a trigger the API answered 201 for is on disk; a temporary file a crash left
 * is deleted at the next start. A file that cannot be read (a disk error) is logged and skipped,
 * never deleted.
 */
public final class TriggerStore {
  private static final Logger log = LoggerFactory.getLogger(TriggerStore.class);
  static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

  private final Path dir;

  public TriggerStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> parts = Files.list(dir)) {
        parts
            .filter(p -> !p.getFileName().toString().endsWith(".json"))
            .forEach(this::deleteQuietly);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the trigger store " + dir, e);
    }
  }

  List<Trigger> load() {
    List<Trigger> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          out.add(Json.read(Files.readAllBytes(file), Trigger.class));
        } catch (IOException | RuntimeException e) {
          log.error("trigger file {} cannot be read, left as it is: {}", file, e.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the trigger store " + dir, e);
    }
    return out;
  }

  void save(Trigger trigger) {
    try {
      DurableFiles.replace(file(trigger.id()), Json.bytes(trigger));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trigger " + trigger.id(), e);
    }
  }

  void delete(String id) {
    try {
      Files.deleteIfExists(file(id));
      DurableFiles.syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete trigger " + id, e);
    }
  }

  private Path file(String id) {
    if (!ID.matcher(id).matches()) throw new IllegalArgumentException("bad trigger id " + id);
    return dir.resolve(id + ".json");
  }

  private void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", p, e.toString());
    }
  }
}
