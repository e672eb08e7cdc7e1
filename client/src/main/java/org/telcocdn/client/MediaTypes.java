package org.telcocdn.client;

import java.util.Map;

/**
 * The Content-Type of each kind of file the site serves. Together with {@code nosniff} this keeps a
 * browser from guessing, so a script is only ever run when it is served as JavaScript.
 */
final class MediaTypes {
  private static final Map<String, String> BY_EXTENSION =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "map", "application/json; charset=utf-8",
          "json", "application/json",
          "svg", "image/svg+xml",
          "ico", "image/x-icon",
          "txt", "text/plain; charset=utf-8");

  private MediaTypes() {}

  static String forPath(String path) {
    int dot = path.lastIndexOf('.');
    String type = dot < 0 ? null : BY_EXTENSION.get(path.substring(dot + 1));
    if (type == null) throw new IllegalArgumentException("no content type known for " + path);
    return type;
  }
}
