package org.telcocdn.common.http;

import java.util.Locale;

/**
 * Why a listener refused or dropped a connection, counted as {@code
 * http_connection_limits_total{limit}} and named after the key that sets the limit.
 */
public enum LimitHit {
  /** Accepted and closed at once: the listener had its most connections open. */
  MAX_CONNECTIONS,
  /** A request head not complete within the header timeout (slowloris). */
  HEADER_TIMEOUT,
  /** No request on a kept-alive connection, or no byte of a body, within the idle timeout. */
  IDLE_TIMEOUT,
  /** A response the client read nothing of within the write timeout (a slow reader). */
  WRITE_TIMEOUT,
  /** More requests pipelined than allowed: the excess got a 503 and the connection closed. */
  MAX_PIPELINED;

  /** The key suffix, e.g. {@code header-timeout}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
