package org.telcocdn.cache.http;

import java.util.concurrent.TimeUnit;

/**
 * The idle time an origin announces in {@code Keep-Alive: timeout=N} (RFC 2068 §19.7.1, sent by
 * Node, Apache and others): the edge stops reusing a connection one second before, so a request
 * rarely meets a connection the origin is just closing.
 */
final class KeepAliveTimeout {
  private KeepAliveTimeout() {}

  static long nanos(String header, long otherwise) {
    if (header == null) return otherwise;
    for (String param : header.split(",")) {
      String p = param.strip();
      if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
        long seconds = Directives.deltaSeconds(p.substring(8).strip());
        if (seconds > 0) return TimeUnit.SECONDS.toNanos(seconds - 1);
      }
    }
    return otherwise;
  }
}
