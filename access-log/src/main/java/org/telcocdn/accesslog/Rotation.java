package org.telcocdn.accesslog;

import java.time.Duration;

/**
 * When the writer starts a new file: after {@code maxBytes} or {@code maxAge}, whichever is first.
 */
public record Rotation(long maxBytes, Duration maxAge) {
  public Rotation {
    if (maxBytes < 1024)
      throw new IllegalArgumentException(
          "rotation size must be at least 1024 bytes, was " + maxBytes);
    if (maxAge.isNegative() || maxAge.isZero())
      throw new IllegalArgumentException("rotation age must be positive, was " + maxAge);
  }

  public static Rotation defaults() {
    return new Rotation(64L << 20, Duration.ofHours(1));
  }
}
