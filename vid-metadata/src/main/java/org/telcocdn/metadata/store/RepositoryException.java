package org.telcocdn.metadata.store;

/**
 * The database failed (unreachable, a constraint the API should have caught); the API answers 500.
 */
public final class RepositoryException extends RuntimeException {
  public RepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
