package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.FreePorts;
import org.telcocdn.testkit.TestCredentials;

/**
 * The client on this module's classpath alone, as the edge, the broker and the controller have it:
 * Ratis' gRPC client works without Ratis' server. (Against real members: the cache-index module's
 * tests, and the broker's and the edge's.)
 */
class IndexClientTest {

  @Test
  void noRaftServerIsOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("org.apache.ratis.server.impl.RaftServerImpl"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.telcocdn.index.IndexServer"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aClientSendsThroughTheGrpcTransport_andItsPendingReadsFailWhenClosed() {
    IndexClient client =
        IndexClient.connect(
            List.of(new IndexPeer("n1", "127.0.0.1:" + FreePorts.one())),
            TestCredentials.shared().tls(ServiceIdentity.of(ServiceRoles.BROKER, "broker")));
    CompletableFuture<List<Holding>> view =
        client.siteViewAsync(List.of("edge-1"), List.of("title-1"));

    client.close();

    Await.until(Duration.ofSeconds(10), "the pending read to end", view::isDone);
    assertThat(view).isCompletedExceptionally();
  }

  @Test
  void peersParse_andRefuseBadSpecs() {
    assertThat(IndexPeer.parseList("n1=127.0.0.1:9861, n2=10.0.0.2:9862"))
        .extracting(IndexPeer::toString)
        .containsExactly("n1=127.0.0.1:9861", "n2=10.0.0.2:9862");
    assertThatThrownBy(() -> IndexPeer.parseList("n1=a:1,n1=b:2"))
        .hasMessageContaining("names a member twice");
    assertThatThrownBy(() -> IndexPeer.parse("n1")).hasMessageContaining("ID=HOST:PORT");
  }
}
