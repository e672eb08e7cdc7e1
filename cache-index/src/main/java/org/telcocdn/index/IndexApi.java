package org.telcocdn.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;

/**
 * The HTTP face of one member: its status (what {@code cdn index status} reads), membership changes
 * (what {@code cdn index add-member / remove-member} post), and a holders lookup for scripts.
 */
final class IndexApi {
  /** The body of {@code POST /members}. */
  record NewMember(String id, String address) {}

  private final IndexServer server;

  IndexApi(IndexServer server) {
    this.server = server;
  }

  void routes(HttpServer.Builder builder) {
    builder.get("/status", request -> Response.ok(server.status()));
    builder.post("/members", request -> addMember(request.json(NewMember.class)));
    builder.delete("/members/{id}", request -> removeMember(request.param("id")));
    builder.get(
        "/holders/{videoId}",
        request -> Response.ok(server.client().holders(request.param("videoId"))));
  }

  private Response addMember(NewMember body) {
    if (body == null || body.id() == null || body.address() == null)
      throw ApiException.badRequest("body must be {\"id\":..., \"address\":\"host:port\"}");
    IndexPeer peer;
    try {
      peer = new IndexPeer(body.id(), body.address());
    } catch (ConfigException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    List<IndexPeer> members = new ArrayList<>(server.members());
    if (members.stream().anyMatch(m -> m.id().equals(peer.id())))
      throw ApiException.conflict("member " + peer.id() + " is already in the group");
    members.add(peer);
    return change(members);
  }

  private Response removeMember(String id) {
    List<IndexPeer> members = new ArrayList<>(server.members());
    if (!members.removeIf(m -> m.id().equals(id)))
      throw ApiException.notFound("member " + id + " is not in the group");
    if (members.isEmpty()) throw ApiException.conflict("cannot remove the last member");
    return change(members);
  }

  private Response change(List<IndexPeer> members) {
    try {
      server.client().setMembers(members);
    } catch (IndexException e) {
      throw ApiException.unavailable(e.getMessage());
    }
    return Response.ok(Map.of("members", members));
  }
}
