package org.telcocdn.cache.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.util.AsciiString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code Last-Modified} values (RFC 9110 IMF-fixdate), formatted once per distinct time and cached:
 * every object response carries one, and formatting a date costs more than the rest of the headers.
 * Objects of one title share few distinct modification times, so a small cache holds the hot ones.
 */
final class HttpDates {
  // IMF-fixdate has a two-digit day ("06 Nov"); RFC_1123_DATE_TIME would write "6 Nov".
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final Cache<Long, AsciiString> FORMATTED =
      Caffeine.newBuilder().maximumSize(10_000).build();

  private HttpDates() {}

  static AsciiString format(long epochMillis) {
    // Whole seconds: the header has no finer unit, so times within one second share an entry.
    long seconds = Math.floorDiv(epochMillis, 1000);
    return FORMATTED.get(seconds, s -> AsciiString.of(HTTP_DATE.format(Instant.ofEpochSecond(s))));
  }
}
