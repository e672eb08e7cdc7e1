package org.telcocdn.batch;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.telcocdn.accesslog.AccessRecord;
import org.telcocdn.accesslog.RecordJson;

/**
 * Pulls the job's fields out of one access-log line by looking for {@code "name":}, instead of a
 * full JSON parse: Spark's JSON source spent most of the job's time building rows from fields it
 * then dropped. The first occurrence wins, which is the top-level field (the writer puts {@code
 * cmcd} last, and its {@code sid}/{@code cid} equal the top-level ones anyway). A line with an
 * escape sequence, or that does not look like a record, takes the full parser; one that fails that
 * too is null and skipped.
 */
final class LineFields {
  private LineFields() {}

  /** A row of {@link PopularityJob#SCHEMA}, or null. */
  static Row parse(String line) {
    if (line.indexOf('\\') >= 0) return full(line);
    int timeAt = line.indexOf("\"time\":");
    if (timeAt < 0) return null;
    try {
      return RowFactory.create(
          number(line, timeAt + 7),
          string(line, "\"edge\":"),
          string(line, "\"site\":"),
          string(line, "\"sid\":"),
          string(line, "\"cid\":"),
          string(line, "\"rendition\":"),
          (int) numberOr(line, "\"segment\":", -1),
          (int) numberOr(line, "\"sc-status\":", 0),
          numberOr(line, "\"sc-total-bytes\":", 0));
    } catch (RuntimeException e) {
      return full(line);
    }
  }

  private static Row full(String line) {
    try {
      AccessRecord r = RecordJson.read(line);
      return RowFactory.create(
          r.time(),
          r.edge(),
          r.site(),
          r.session(),
          r.content(),
          r.rendition(),
          r.segment(),
          r.status(),
          r.bytes());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String string(String line, String key) {
    int at = line.indexOf(key);
    if (at < 0) return null;
    int start = at + key.length();
    if (line.charAt(start) != '"') return null;
    int end = line.indexOf('"', start + 1);
    if (end < 0) throw new IllegalArgumentException("unterminated string");
    return line.substring(start + 1, end);
  }

  private static long numberOr(String line, String key, long fallback) {
    int at = line.indexOf(key);
    return at < 0 ? fallback : number(line, at + key.length());
  }

  private static long number(String line, int from) {
    int i = from;
    boolean negative = line.charAt(i) == '-';
    if (negative) i++;
    long value = 0;
    int digits = 0;
    for (; i < line.length() && Character.isDigit(line.charAt(i)); i++, digits++)
      value = value * 10 + (line.charAt(i) - '0');
    if (digits == 0) throw new IllegalArgumentException("not a number");
    return negative ? -value : value;
  }
}
