package org.telcocdn.cache.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP dates (RFC 9110 §5.6.7): read in all three forms a recipient must accept (IMF-fixdate, RFC
 * 850 with its two-digit year, asctime), written as IMF-fixdate. Anything else is invalid: {@link
 * #parse} answers {@link #INVALID}, which an {@code Expires} reader takes as "in the past" (RFC
 * 9111 §5.3, e.g. {@code Expires: 0}).
 */
public final class HttpTime {
  public static final long INVALID = Long.MIN_VALUE;
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final Pattern IMF =
      Pattern.compile(
          "[A-Za-z]{3}, (\\d{2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT");
  private static final Pattern RFC850 =
      Pattern.compile(
          "[A-Za-z]{6,9}, (\\d{2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT");
  private static final Pattern ASCTIME =
      Pattern.compile("[A-Za-z]{3} ([A-Za-z]{3}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})");
  private static final DateTimeFormatter IMF_OUT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private HttpTime() {}

  /**
   * Epoch milliseconds, or {@link #INVALID}. {@code nowMillis} resolves RFC 850's two-digit years.
   */
  public static long parse(String value, long nowMillis) {
    if (value == null) return INVALID;
    String v = value.strip();
    Matcher m = IMF.matcher(v);
    if (m.matches())
      return at(
          Integer.parseInt(m.group(3)), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
    m = RFC850.matcher(v);
    if (m.matches())
      return at(
          year(Integer.parseInt(m.group(3)), nowMillis),
          m.group(2),
          m.group(1),
          m.group(4),
          m.group(5),
          m.group(6));
    m = ASCTIME.matcher(v);
    if (m.matches())
      return at(
          Integer.parseInt(m.group(6)),
          m.group(1),
          m.group(2).strip(),
          m.group(3),
          m.group(4),
          m.group(5));
    return INVALID;
  }

  public static String format(long epochMillis) {
    return IMF_OUT.format(Instant.ofEpochMilli(epochMillis));
  }

  /** RFC 9110: a two-digit year more than 50 years in the future is in the past century. */
  private static int year(int twoDigits, long nowMillis) {
    int now = LocalDateTime.ofEpochSecond(nowMillis / 1000, 0, ZoneOffset.UTC).getYear();
    int year = now / 100 * 100 + twoDigits;
    return year > now + 50 ? year - 100 : year;
  }

  private static long at(
      int year, String month, String day, String hour, String minute, String second) {
    int m = MONTHS.indexOf(month.toLowerCase(Locale.ROOT));
    if (m < 0) return INVALID;
    try {
      return LocalDateTime.of(
              year,
              m + 1,
              Integer.parseInt(day),
              Integer.parseInt(hour),
              Integer.parseInt(minute),
              Integer.parseInt(second))
          .toInstant(ZoneOffset.UTC)
          .toEpochMilli();
    } catch (DateTimeException e) {
      return INVALID;
    }
  }
}
