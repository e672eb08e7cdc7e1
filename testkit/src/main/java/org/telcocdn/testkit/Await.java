package org.telcocdn.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: tests never sleep to wait for a state. */
public final class Await {
  private Await() {}

  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline)
          throw new AssertionError("timed out after " + timeout + " waiting for " + what, e);
      }
      if (System.nanoTime() > deadline)
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
