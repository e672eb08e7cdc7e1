package org.telcocdn.metadata.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTest {
  @Test
  void normalize_makesRelativeH2PathsExplicit() {
    assertThat(Database.normalize("jdbc:h2:file:target/h2-normalize/videos;MODE=Regular"))
        .isEqualTo("jdbc:h2:file:./target/h2-normalize/videos;MODE=Regular");
    assertThat(Database.normalize("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    assertThat(Database.normalize("jdbc:postgresql://127.0.0.1/db"))
        .isEqualTo("jdbc:postgresql://127.0.0.1/db");
  }
}
