package org.telcocdn.cache.preposition;

import java.util.function.BooleanSupplier;

/**
 * Bytes per second, with a burst of one second's worth: a fill takes an object's size before it
 * starts. An object larger than the burst waits until the bucket is full and leaves it in debt, so
 * the long-run rate holds for any object size.
 */
final class TokenBucket {
  private static final long STEP_MILLIS = 50;

  private final long rate;
  private double tokens;
  private long last = System.nanoTime();

  TokenBucket(long bytesPerSecond) {
    this.rate = bytesPerSecond;
    this.tokens = bytesPerSecond;
  }

  /**
   * Waits until {@code bytes} may go; false (nothing taken) when {@code stop} turns true meanwhile,
   * checked every 50 ms, so a cancel is seen within that.
   */
  boolean take(long bytes, BooleanSupplier stop) throws InterruptedException {
    long need = Math.min(bytes, rate);
    while (true) {
      synchronized (this) {
        refill();
        if (tokens >= need) {
          tokens -= bytes;
          return true;
        }
      }
      if (stop.getAsBoolean()) return false;
      Thread.sleep(STEP_MILLIS);
    }
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(rate, tokens + (now - last) * rate / 1e9);
    last = now;
  }
}
