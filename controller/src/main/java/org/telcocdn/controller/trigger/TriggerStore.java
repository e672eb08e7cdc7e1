package org.telcocdn.controller.trigger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.json.Json;

/**
 * Triggers on disk, one JSON file each ({@code {id}.json} under {@code controller.triggers.dir}),
 * each write a new file synced and renamed over the old one, then the directory synced: after a
 * crash a trigger is either its previous state or its new one, never half of either, and a trigger
 * the API answered 201 for is on disk. A file that cannot be read (a disk error) is logged and
 * skipped, never deleted.
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
        parts.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(this::deleteQuietly);
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
    Path target = file(trigger.id());
    Path tmp = dir.resolve(trigger.id() + ".json.tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer body = ByteBuffer.wrap(Json.bytes(trigger));
      while (body.hasRemaining()) ch.write(body);
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trigger " + trigger.id(), e);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit trigger " + trigger.id(), e);
    }
  }

  void delete(String id) {
    try {
      Files.deleteIfExists(file(id));
      syncDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete trigger " + id, e);
    }
  }

  private Path file(String id) {
    if (!ID.matcher(id).matches()) throw new IllegalArgumentException("bad trigger id " + id);
    return dir.resolve(id + ".json");
  }

  private void syncDirectory() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", p, e.toString());
    }
  }
}
