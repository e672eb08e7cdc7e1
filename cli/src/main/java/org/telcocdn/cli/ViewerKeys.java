package org.telcocdn.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.telcocdn.urisigning.ViewerKeyFiles;

/**
 * Where a topology keeps its viewer-signing keys: {@code dataDir/secrets/}, with the rest of its
 * secrets. {@code cdn up} makes them on the first run ({@link #ensure}) and wires the broker to the
 * private file and every edge to the public one ({@link Wiring}).
 */
final class ViewerKeys {
  private ViewerKeys() {}

  static ViewerKeyFiles files(Path dataDir) {
    return new ViewerKeyFiles(dataDir.resolve("secrets"), Clock.systemUTC());
  }

  /** True when this run made the first key. */
  static boolean ensure(Path dataDir) {
    return files(dataDir).ensure();
  }
}
