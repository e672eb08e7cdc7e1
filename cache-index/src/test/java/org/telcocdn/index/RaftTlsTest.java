package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.index.IndexCommand.BumpVersion;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.security.TlsMaterial;
import org.telcocdn.testkit.TestCredentials;

/**
 * The index's Raft port over mutual TLS, on three real members: a client or a member without a
 * certificate of the internal CA gets nothing through (no command committed, no read answered, no
 * joining), and a certificate of the CA admits only what its role may do ({@link RaftCallers}).
 */
class RaftTlsTest {
  private static final TlsMaterial MEMBER =
      TestCredentials.shared().tls(ServiceIdentity.of(ServiceRoles.INDEX, "test-client"));

  @TempDir static Path dir;
  @TempDir static Path strangers;
  private static IndexCluster cluster;

  @BeforeAll
  static void group() {
    cluster = IndexCluster.start(dir.resolve("group"), 3);
    try (IndexClient client = cluster.client()) {
      client.bumpVersion("before");
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) cluster.close();
  }

  @Test
  void aClientOfAnotherCa_isRefused_andNothingIsCommitted() {
    TestCredentials other = TestCredentials.create(strangers.resolve("other-ca"));
    long version = strangerVersion();

    Throwable refused =
        send(
            IndexTls.parameters(
                other.tls(ServiceIdentity.of(ServiceRoles.CONTROLLER, "controller"))));

    assertThat(refused).as("a certificate of another CA").isNotNull();
    assertThat(strangerVersion()).as("the refused command was not applied").isEqualTo(version);
  }

  @Test
  void aClientWithoutACertificate_orWithoutTls_isRefused() {
    TlsMaterial trusting = TestCredentials.shared().tls(ServiceIdentity.of("vid-cache", "edge-1"));
    Parameters noCertificate = new Parameters();
    GrpcConfigKeys.TLS.setConf(
        noCertificate,
        GrpcTlsConfig.newBuilder()
            .setTrustManager(trusting.trustManager())
            .setMutualTls(false)
            .setSslProvider(SslProvider.JDK)
            .build());
    long version = strangerVersion();

    assertThat(send(noCertificate)).as("TLS, but no client certificate").isNotNull();
    assertThat(send(new Parameters())).as("plaintext").isNotNull();
    assertThat(strangerVersion()).as("the refused commands were not applied").isEqualTo(version);
  }

  @Test
  void anEdgesCertificate_mayCommitAndRead_butNotChangeTheMembership() {
    TlsMaterial edge =
        TestCredentials.shared().tls(new ServiceIdentity(ServiceRoles.EDGE, "site-a", "edge-1"));
    try (IndexClient client = IndexClient.connect(cluster.peers(), edge)) {
      long version = client.bumpVersion("edge-title");
      assertThat(client.holders("edge-title").version()).isEqualTo(version);

      Throwable refused = setMembersOnce(IndexTls.parameters(edge), cluster.peers().subList(0, 2));

      assertThat(refused).hasStackTraceContaining("PERMISSION_DENIED");
      assertThat(cluster.member("n1").members()).hasSize(3);
    }
  }

  @Test
  void aMemberOfAnotherCa_cannotJoin_andTheGroupGoesOn() {
    TestCredentials other = TestCredentials.create(strangers.resolve("joiner-ca"));
    IndexServer stranger = cluster.startJoiner("n9", other.settings(ServiceRoles.INDEX, "n9"));
    try (IndexClient client = cluster.client()) {
      List<IndexPeer> four = new ArrayList<>(cluster.member("n1").members());
      four.add(peer("n9"));

      Throwable refused = setMembersOnce(IndexTls.parameters(MEMBER), four);

      assertThat(refused).as("the leader cannot reach the stranger over TLS").isNotNull();
      assertThat(stranger.status().appliedIndex()).as("nothing replicated to it").isLessThan(0);
      assertThat(cluster.leader().orElseThrow().members())
          .extracting(IndexPeer::id)
          .containsExactlyInAnyOrder("n1", "n2", "n3");
      long next = client.bumpVersion("after-stranger");
      assertThat(client.holders("after-stranger").version()).isEqualTo(next);
    } finally {
      cluster.stop("n9");
    }
  }

  private static IndexPeer peer(String id) {
    return cluster.peers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  /** Sends one valid command with a raw client that gives up at the first failure. */
  private static Throwable send(Parameters parameters) {
    try (RaftClient raw = once(parameters)) {
      return catchThrowable(
          () ->
              raw.io()
                  .send(
                      Message.valueOf(
                          ByteString.copyFrom(CommandCodec.encode(new BumpVersion("stranger"))))));
    } catch (java.io.IOException e) {
      return e;
    }
  }

  /**
   * One membership change with a raw client that gives up at the first failure (IndexClient retries
   * for ten seconds): the refusal, or null if it went through.
   */
  private static Throwable setMembersOnce(Parameters parameters, List<IndexPeer> members) {
    try (RaftClient raw = once(parameters)) {
      RaftClientReply reply =
          raw.admin().setConfiguration(members.stream().map(IndexPeer::toRaft).toList());
      return reply.isSuccess() ? null : reply.getException();
    } catch (java.io.IOException e) {
      return e;
    }
  }

  private static RaftClient once(Parameters parameters) {
    return RaftClient.newBuilder()
        .setProperties(IndexGroup.clientProperties())
        .setRaftGroup(IndexGroup.of(cluster.peers().subList(0, 3)))
        .setParameters(parameters)
        .setRetryPolicy(RetryPolicies.noRetry())
        .build();
  }

  /**
   * The version of the title the refused clients try to bump, read linearizably through a client
   * with the right credentials. Not the log's committed index: a leader elected meanwhile (a busy
   * host delays heartbeats) commits an entry of its own, which once made that check fail.
   */
  private static long strangerVersion() {
    try (IndexClient client = cluster.client()) {
      return client.holders("stranger").version();
    }
  }
}
