package org.telcocdn.cache.http;

import java.io.IOException;
import org.telcocdn.cache.metrics.OriginFailure;

/**
 * An origin request that failed, with why ({@link OriginFailure}) and whether any response head had
 * arrived.
 */
public final class OriginException extends IOException {
  private final OriginFailure reason;
  private final boolean afterHead;

  public OriginException(OriginFailure reason, String message, boolean afterHead, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.afterHead = afterHead;
  }

  public OriginFailure reason() {
    return reason;
  }

  /** True when the head had been received: the response was cut short. */
  public boolean afterHead() {
    return afterHead;
  }
}
