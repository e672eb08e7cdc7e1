package org.telcocdn.metadata.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool of the catalog, migrated by Flyway before first use. One schema
 * (db/migration) serves H2 and PostgreSQL, so its SQL sticks to what both understand.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final String H2_FILE = "jdbc:h2:file:";

  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens a pool on {@code url} and brings the schema up to date. */
  public static Database open(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(normalize(url));
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("vid-metadata-db");
    config.setMaximumPoolSize(8);
    // A short wait so that /health reports DOWN promptly instead of hanging on a dead database.
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      var result =
          Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
      log.info(
          "catalog schema at version {} ({} migrations applied) on {}",
          result.targetSchemaVersion,
          result.migrationsExecuted,
          redact(url));
      return new Database(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * H2 refuses a file path that is implicitly relative to the working directory; the default URL is
   * such a path, so make it explicitly relative ({@code ./}) and create its parent directories.
   */
  static String normalize(String url) {
    if (!url.startsWith(H2_FILE)) return url;
    String rest = url.substring(H2_FILE.length());
    int options = rest.indexOf(';');
    String file = options < 0 ? rest : rest.substring(0, options);
    String suffix = options < 0 ? "" : rest.substring(options);
    boolean explicit =
        file.startsWith("/")
            || file.startsWith("./")
            || file.startsWith("../")
            || file.startsWith("~");
    String path = explicit ? file : "./" + file;
    createParents(path);
    return H2_FILE + path + suffix;
  }

  private static void createParents(String file) {
    Path parent =
        Path.of(file.replaceFirst("^~", System.getProperty("user.home")))
            .toAbsolutePath()
            .getParent();
    try {
      if (parent != null) Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of the H2 database " + parent, e);
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
  }
}
