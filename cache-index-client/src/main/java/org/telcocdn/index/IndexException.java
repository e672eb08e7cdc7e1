package org.telcocdn.index;

/**
 * A write or read of the index that failed: no leader within the retry budget, or the group refused
 * it.
 */
public final class IndexException extends RuntimeException {
  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
