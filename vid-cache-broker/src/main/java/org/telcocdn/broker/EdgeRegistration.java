package org.telcocdn.broker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.telcocdn.common.http.ApiException;

/**
 * The body of {@code POST /api/edges}, checked. The name ends up in URLs, headers and metric tags
 * and the URL in every redirect, so both are validated here, once, with the offending field named.
 */
public record EdgeRegistration(String name, String url, String site, Long diskCapacityBytes) {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** This registration validated, with the URL normalised (no trailing slash). */
  public EdgeRegistration validated() {
    String checkedName = checkName("name", name);
    String checkedSite = checkName("site", site);
    if (diskCapacityBytes == null)
      throw ApiException.badRequest("field diskCapacityBytes is required");
    if (diskCapacityBytes < 0)
      throw ApiException.badRequest("field diskCapacityBytes must not be negative");
    return new EdgeRegistration(checkedName, checkUrl(url), checkedSite, diskCapacityBytes);
  }

  static String checkName(String field, String value) {
    if (value == null) throw ApiException.badRequest("field " + field + " is required");
    if (!NAME.matcher(value).matches()) {
      throw ApiException.badRequest(
          "field " + field + " must match " + NAME.pattern() + ", was '" + value + "'");
    }
    return value;
  }

  private static String checkUrl(String value) {
    if (value == null) throw ApiException.badRequest("field url is required");
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("field url is not a URL: " + e.getMessage());
    }
    boolean http =
        "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    if (!http
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw ApiException.badRequest(
          "field url must be an http(s) URL with a host and no query, was '" + value + "'");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }
}
