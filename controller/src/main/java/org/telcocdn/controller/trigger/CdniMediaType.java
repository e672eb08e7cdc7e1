package org.telcocdn.controller.trigger;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;

/**
 * The CI/T interface's media types: RFC 8007 section 5.1 carries its objects as {@code
 * application/cdni} with a {@code ptype} parameter (the CDNI payload types of RFC 7736, registered
 * in section 7). Commands are also taken as {@code application/json}, which {@code cdn trigger},
 * the controller's clients and the scripts written before send; answers always name the RFC's type,
 * with the same JSON body either way.
 */
final class CdniMediaType {
  static final String COMMAND = "application/cdni; ptype=ci-trigger-command";
  static final String STATUS = "application/cdni; ptype=ci-trigger-status";
  static final String COLLECTION = "application/cdni; ptype=ci-trigger-collection";

  /** RFC 9110 section 15.5.16 asks a 415 to say what is accepted; Accept-Post is how to say it. */
  private static final String ACCEPTED = COMMAND + ", application/json";

  private CdniMediaType() {}

  /** A command's {@code Content-Type} must be one of {@link #ACCEPTED}, else a 415. */
  static void requireCommand(Request request) {
    Optional<String> sent = request.header("Content-Type");
    if (sent.isPresent() && isCommand(sent.get())) return;
    throw new ApiException(
        415,
        "unsupported_media_type",
        "Content-Type must be '"
            + COMMAND
            + "' or 'application/json'; was "
            + sent.map(s -> "'" + s + "'").orElse("none"),
        Map.of("Accept-Post", ACCEPTED));
  }

  /**
   * Media types compare case-insensitively in type, subtype and parameter names (RFC 9110 section
   * 8.3.1); a parameter value may be quoted. A JSON command may carry any parameter (a charset).
   */
  static boolean isCommand(String contentType) {
    String[] parts = contentType.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (type.equals("application/json")) return true;
    if (!type.equals("application/cdni")) return false;
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("ptype"))
        return unquote(pair[1].trim()).equalsIgnoreCase("ci-trigger-command");
    }
    return false;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  static Response status(int code, Object body) {
    return Response.bytes(code, STATUS, Json.bytes(body));
  }

  static Response collection(Object body) {
    return Response.bytes(200, COLLECTION, Json.bytes(body));
  }
}
