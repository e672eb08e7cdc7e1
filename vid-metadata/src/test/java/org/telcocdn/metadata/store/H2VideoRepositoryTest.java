package org.telcocdn.metadata.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on H2, the default database, in a fresh directory per test. */
class H2VideoRepositoryTest extends VideoRepositoryContract {
  @TempDir Path dir;

  @Override
  String[] connection() {
    return new String[] {"jdbc:h2:file:" + dir.resolve("catalog/videos"), "sa", ""};
  }
}
