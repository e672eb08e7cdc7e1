package org.telcocdn.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.JsonHttpClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The cache-index members as the {@code cdn index} commands see them: through each member's HTTP
 * endpoint (GET /status, POST /members, DELETE /members/ID), so the CLI needs no Raft client; the
 * member that receives a membership change runs it through Raft itself.
 */
final class IndexMembers {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The {@code --peers} and {@code --topology} options shared by the index subcommands. */
  static final class Endpoints {
    @Option(
        names = "--peers",
        paramLabel = "HOST:HTTP_PORT,...",
        description =
            "HTTP endpoints of the index members (default: the topology's cache-index members).")
    String peers;

    @Mixin TopologyOption topology = new TopologyOption();

    /** {@code --peers}, else the HTTP endpoints of the topology's cache-index members. */
    List<String> urls(CliContext context) {
      if (peers != null) return urls();
      Topology t = topology.loadRunning(context);
      List<String> urls = t.ofRole(Role.CACHE_INDEX).stream().map(t::url).toList();
      if (urls.isEmpty())
        throw CliException.usage("the topology has no cache-index members; name them with --peers");
      return urls;
    }

    List<String> urls() {
      List<String> urls = new ArrayList<>();
      for (String p : peers.split(",")) {
        String trimmed = p.trim();
        if (trimmed.isEmpty()) continue;
        if (trimmed.contains("="))
          trimmed = trimmed.substring(trimmed.indexOf('=') + 1); // accept ID=HOST:PORT too
        urls.add(trimmed.startsWith("http") ? trimmed : "http://" + trimmed);
      }
      if (urls.isEmpty()) throw CliException.usage("--peers names no member");
      return urls;
    }
  }

  /** A member of the group configuration, as in the member's /status. */
  record Peer(String id, String address) {}

  /** GET /status of one member. */
  record Status(
      String id,
      Long pid,
      String role,
      long term,
      String leader,
      long appliedIndex,
      long snapshotIndex,
      long commitIndex,
      String address,
      String http,
      List<Peer> members) {}

  /** One line of {@code cdn index status}: the stable JSON field names scripts rely on. */
  record Member(
      String id,
      String role,
      Long pid,
      String address,
      String http,
      Long appliedIndex,
      Long snapshotIndex) {}

  /** The whole of {@code cdn index status --json}. */
  record GroupStatus(String leader, long term, List<Member> members, List<String> unreachable) {}

  private final JsonHttpClient http = new JsonHttpClient(TIMEOUT);
  private final List<String> urls;

  IndexMembers(Endpoints endpoints, CliContext context) {
    this.urls = endpoints.urls(context);
  }

  GroupStatus status() {
    Map<String, Status> byId = new LinkedHashMap<>();
    List<String> unreachable = new ArrayList<>();
    for (String url : urls) {
      try {
        Status s = http.get(url + "/status", Status.class);
        byId.put(s.id(), s);
      } catch (ApiException e) {
        unreachable.add(url);
      }
    }
    if (byId.isEmpty()) throw CliException.runtime("no index member answered at " + urls);
    Status reference =
        byId.values().stream()
            .max(
                Comparator.comparingLong(Status::term)
                    .thenComparing(s -> "LEADER".equals(s.role())))
            .orElseThrow();
    List<Member> members = new ArrayList<>();
    for (Peer peer : reference.members()) {
      Status s = byId.get(peer.id());
      members.add(
          s == null
              ? new Member(peer.id(), "UNREACHABLE", null, peer.address(), null, null, null)
              : new Member(
                  s.id(),
                  s.role(),
                  s.pid(),
                  s.address(),
                  s.http(),
                  s.appliedIndex(),
                  s.snapshotIndex()));
    }
    return new GroupStatus(reference.leader(), reference.term(), members, unreachable);
  }

  /**
   * Asks the first member that answers to change the configuration; it forwards to the leader
   * through Raft.
   */
  void add(String id, String address) {
    onAnyMember(
        url -> http.post(url + "/members", Map.of("id", id, "address", address), Map.class));
  }

  void remove(String id) {
    onAnyMember(
        url -> {
          http.delete(url + "/members/" + id);
          return null;
        });
  }

  private void onAnyMember(java.util.function.Function<String, Object> call) {
    ApiException last = null;
    for (String url : urls) {
      try {
        call.apply(url);
        return;
      } catch (ApiException e) {
        if (e.status() != 503) throw CliException.runtime(url + ": " + e.getMessage());
        last = e;
      }
    }
    throw CliException.runtime(
        "no index member could make the change: "
            + Optional.ofNullable(last).map(Throwable::getMessage).orElse("?"));
  }
}
