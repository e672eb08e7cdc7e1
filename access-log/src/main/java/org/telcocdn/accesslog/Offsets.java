package org.telcocdn.accesslog;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.telcocdn.common.json.Json;

/**
 * How far each log file has been consumed, in bytes, always at a line boundary. Saved as JSON by
 * writing a temporary file and renaming it over the old one, so a crash leaves either the old or
 * the new offsets, never half of each.
 */
public final class Offsets {
  private final Map<String, Long> positions = new TreeMap<>();

  public Offsets() {}

  public Offsets(Map<String, Long> positions) {
    this.positions.putAll(positions);
  }

  public long of(Path file) {
    return positions.getOrDefault(file.getFileName().toString(), 0L);
  }

  public void advance(String fileName, long position) {
    positions.merge(fileName, position, Math::max);
  }

  public Map<String, Long> asMap() {
    return Map.copyOf(positions);
  }

  public static Offsets load(Path file) {
    if (!Files.exists(file)) return new Offsets();
    try {
      return new Offsets(
          Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Long>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read offsets " + file, e);
    }
  }

  public void save(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, Json.bytes(positions));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save offsets " + file, e);
    }
  }
}
