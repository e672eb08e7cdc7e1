package org.telcocdn.metadata.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs JDBC work on a pooled connection: writes in one transaction, committed or rolled back whole.
 */
final class Transactions {
  /** JDBC work that may throw {@link SQLException}. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> T write(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new RepositoryException("catalog write failed: " + e.getMessage(), e);
    }
  }

  /** Reads in one transaction too, so that a page and its total count see the same data. */
  <T> T read(Work<T> work) {
    return write(work);
  }
}
