package org.telcocdn.accesslog;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.telcocdn.common.io.DurableFiles;
import org.telcocdn.common.json.Json;

/**
 * How far each log file has been consumed, in bytes, always at a line boundary. Saved as JSON by
 * writing a temporary file and renaming it over the old one, synced before and after ({@link
 * DurableFiles#replace}), so a crash leaves either the old or the new offsets, never half of each.
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

  /**
   * Forgets the files not in {@code present} (deleted by their edge's retention): the map stays as
   * small as the directory.
   */
  public void keepOnly(java.util.Collection<String> present) {
    positions.keySet().retainAll(java.util.Set.copyOf(present));
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
      DurableFiles.replace(file, Json.bytes(positions));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save offsets " + file, e);
    }
  }
}
