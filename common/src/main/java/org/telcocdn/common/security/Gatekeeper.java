package org.telcocdn.common.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.Caller;

/**
 * What every control listener does around a route's handler, in one place for common's {@code
 * HttpServer} and the edge's own pipeline: find out who is calling, let them through or refuse
 * (401, 403), and write the audit line of a state-changing call, whether it was served or refused.
 */
public final class Gatekeeper {
  /** Body fields that name what a control call acts on. */
  private static final List<String> TARGET_FIELDS =
      List.of(
          "videoId",
          "name",
          "id",
          "edge",
          "site",
          "url",
          "controlUrl",
          "source",
          "version",
          "generation",
          "reason",
          "partitioned",
          "address");

  private static final int MAX_AUDITED_BODY = 64 * 1024;

  /** Who is calling, and why they may not, if they may not. */
  public record Admission(Caller caller, ApiException refusal) {
    public boolean admitted() {
      return refusal == null;
    }
  }

  private final ServiceSecurity security;

  public Gatekeeper(ServiceSecurity security) {
    this.security = security;
  }

  /**
   * {@code session}: the connection's TLS session; {@code authorization}: the request's header, or
   * null.
   */
  public Admission admit(Access access, SSLSession session, String authorization) {
    Caller caller;
    try {
      caller = security.credentials().identify(session, authorization);
    } catch (ApiException e) {
      return new Admission(Caller.ANONYMOUS, e);
    }
    try {
      access.check(caller);
      return new Admission(caller, null);
    } catch (ApiException e) {
      return new Admission(caller, e);
    }
  }

  /** One audit line when {@code route} may change state. */
  public void audit(
      Admission admission,
      Router.Route route,
      Map<String, String> params,
      Map<String, List<String>> query,
      byte[] body,
      int status) {
    if (!route.changesState()) return;
    security
        .audit()
        .record(
            admission.caller().describe(),
            route.method(),
            route.template(),
            target(params, query, body),
            status);
  }

  static Map<String, Object> target(
      Map<String, String> params, Map<String, List<String>> query, byte[] body) {
    Map<String, Object> target = new LinkedHashMap<>(params);
    List<String> name = query.get("name");
    if (name != null && !name.isEmpty()) target.put("name", name.getFirst());
    if (body == null || body.length == 0 || body.length > MAX_AUDITED_BODY) return target;
    try {
      JsonNode tree = Json.MAPPER.readTree(body);
      if (tree == null || !tree.isObject()) return target;
      for (String field : TARGET_FIELDS) {
        JsonNode value = tree.get(field);
        if (value != null && value.isValueNode()) target.putIfAbsent(field, value.asText());
      }
    } catch (IOException e) {
      target.put("body", "not JSON");
    }
    return target;
  }
}
