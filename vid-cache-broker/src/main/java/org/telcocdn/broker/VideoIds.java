package org.telcocdn.broker;

import java.util.regex.Pattern;
import org.telcocdn.common.http.ApiException;

/** The video id rule of docs/contracts.md, checked before an id reaches a hash, a URL or a log. */
final class VideoIds {
  static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private VideoIds() {}

  static String check(String field, String value) {
    if (value == null) throw ApiException.badRequest("field " + field + " is required");
    if (!PATTERN.matcher(value).matches()) {
      throw ApiException.badRequest(field + " must match " + PATTERN.pattern() + ", was '" + abbreviate(value) + "'");
    }
    return value;
  }

  private static String abbreviate(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }
}
