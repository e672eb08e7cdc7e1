package org.telcocdn.index;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.common.service.Service;

/**
 * One member of the cache index: a Ratis server running {@link IndexStateMachine} on a port that
 * speaks only mutual TLS ({@link IndexTls}, {@link RaftCallers}), and an HTTPS control listener
 * (its only HTTP listener) with /health, /metrics, /status and the membership routes of {@link
 * IndexApi}.
 *
 * <p>On first start (no group directory under the storage dir) the storage is formatted with the
 * configured peers; later starts recover the log and the latest snapshot from disk, whatever {@code
 * index.peers} says, because the committed configuration in the log wins. A member started with
 * {@code index.join=true} begins outside any configuration and waits for the leader to add it.
 */
public final class IndexServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(IndexServer.class);

  private final IndexConfig config;
  private final IndexStateMachine machine = new IndexStateMachine();
  private final RaftServer raft;
  private final IndexClient client;
  private final HttpServer http;
  private final ServiceSecurity security;

  private IndexServer(IndexConfig config) throws IOException {
    this.config = config;
    // First: the Raft port serves only over mutual TLS with this member's certificate.
    security = ServiceSecurity.load(config.security(), "cache-index");
    boolean recover =
        Files.isDirectory(config.storageDir().resolve(IndexGroup.ID.getUuid().toString()));
    RaftGroup group =
        config.join() ? RaftGroup.valueOf(IndexGroup.ID) : IndexGroup.of(config.peers());
    raft =
        RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(config.id()))
            .setGroup(group)
            .setProperties(RaftTuning.server(config))
            .setStateMachine(machine)
            .setParameters(RaftCallers.memberParameters(security.tls()))
            .setOption(
                recover ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
            .build();
    raft.start();
    client = IndexClient.connect(config.peers(), security.tls());
    PrometheusMeterRegistry registry = Metrics.registry("cache-index", config.id());
    Gauge.builder("cache_index_applied_index", this, s -> s.status().appliedIndex())
        .register(registry);
    Gauge.builder("cache_index_term", this, s -> s.status().term()).register(registry);
    Gauge.builder("cache_index_leader", this, s -> "LEADER".equals(s.status().role()) ? 1 : 0)
        .register(registry);
    FunctionCounter.builder(
            "cache_index_invalid_commands", machine, IndexStateMachine::refusedCommands)
        .tag("stage", "SUBMIT")
        .description("commands refused before the log (leader), or log entries applied as errors")
        .register(registry);
    FunctionCounter.builder(
            "cache_index_invalid_commands", machine, IndexStateMachine::rejectedEntries)
        .tag("stage", "APPLY")
        .description("commands refused before the log (leader), or log entries applied as errors")
        .register(registry);
    HttpServer.Builder builder =
        HttpServer.builder("cache-index")
            .control(config.host(), config.httpPort(), security)
            .ioThreads(1)
            .maxBodyBytes(16 * 1024)
            .limits(config.limits())
            .metrics(registry)
            .health(this::health);
    new IndexApi(this).routes(builder);
    http = builder.start();
    log.info(
        "cache-index member {} at {} ({}), http {}",
        config.id(),
        config.self().address(),
        recover ? "recovered" : "formatted",
        http.port());
  }

  public static IndexServer start(IndexConfig config) {
    try {
      return new IndexServer(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cache-index member " + config.id() + " failed to start", e);
    }
  }

  public String id() {
    return config.id();
  }

  /**
   * A client of the whole group, through this member's view of it: for membership changes and
   * tests.
   */
  public IndexClient client() {
    return client;
  }

  public MemberStatus status() {
    try {
      RaftServer.Division division = raft.getDivision(IndexGroup.ID);
      var info = division.getInfo();
      RaftPeerId leader = info.getLeaderId();
      List<IndexPeer> members = new ArrayList<>();
      division.getRaftConf().getCurrentPeers().forEach(p -> members.add(IndexPeer.of(p)));
      return new MemberStatus(
          config.id(),
          ProcessHandle.current().pid(),
          info.getCurrentRole().name(),
          info.getCurrentTerm(),
          leader == null ? null : leader.toString(),
          info.getLastAppliedIndex(),
          machine.snapshotIndex(),
          division.getRaftLog().getLastCommittedIndex(),
          division.getRaftLog().getStartIndex(),
          config.self().address(),
          url(),
          members);
    } catch (IOException e) {
      throw new UncheckedIOException("no division of the index group on " + config.id(), e);
    }
  }

  /** For tests that write below the client and the leader's check: this member's Raft log. */
  RaftServer.Division division() {
    try {
      return raft.getDivision(IndexGroup.ID);
    } catch (IOException e) {
      throw new UncheckedIOException("no division of the index group on " + config.id(), e);
    }
  }

  /** Log entries this member applied as errors since it started. */
  long rejectedEntries() {
    return machine.rejectedEntries();
  }

  /** The members in this member's current configuration. */
  public List<IndexPeer> members() {
    return status().members();
  }

  @Override
  public int port() {
    return http.port();
  }

  @Override
  public int controlPort() {
    return http.controlPort();
  }

  /** The control listener: a member has no viewer listener. */
  @Override
  public String url() {
    return controlUrl();
  }

  @Override
  public List<Router.Route> routes() {
    return http.routes();
  }

  @Override
  public void close() {
    http.close();
    security.close();
    try {
      client.close();
    } catch (IndexException e) {
      log.warn("closing the member's client: {}", e.getMessage());
    }
    try {
      raft.close();
    } catch (IOException e) {
      log.warn("closing the Raft server of {}: {}", config.id(), e.getMessage());
    }
  }

  private Health health() {
    MemberStatus s = status();
    return s.leader() == null
        ? Health.down("no leader known")
        : Health.up(Map.of("role", s.role(), "leader", s.leader()));
  }
}
