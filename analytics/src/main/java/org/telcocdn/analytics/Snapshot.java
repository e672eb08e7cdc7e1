package org.telcocdn.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.telcocdn.common.json.Json;

/**
 * The state and the log offsets it reflects, saved together in one file by an atomic rename. After
 * a restart the service loads both and reads the logs from those offsets: every record written
 * after the snapshot is read again and none counts twice.
 */
public record Snapshot(Map<String, Long> offsets, AnalyticsState state) {
  static final String FILE = "analytics-snapshot.json";

  public static Snapshot load(Path dir, AnalyticsState fresh) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) return new Snapshot(new HashMap<>(), fresh);
    try {
      return Json.MAPPER.readValue(file.toFile(), Snapshot.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the analytics snapshot " + file + "; move it away to start empty", e);
    }
  }

  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(FILE + ".tmp");
      byte[] json;
      synchronized (state) {
        json = Json.bytes(this);
      }
      Files.write(tmp, json);
      Files.move(
          tmp,
          dir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the analytics snapshot in " + dir, e);
    }
  }
}
