package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

class IndexConfigTest {
  @Test
  void defaults_areAThreeMemberGroupOnLoopback() {
    IndexConfig config = IndexConfig.from(Settings.of(Map.of()));
    assertThat(config.id()).isEqualTo("n1");
    assertThat(config.peers()).extracting(IndexPeer::id).containsExactly("n1", "n2", "n3");
    assertThat(config.port()).isEqualTo(9861);
    assertThat(config.httpPort()).isEqualTo(9871);
    assertThat(config.storageDir().toString()).isEqualTo("data/cache-index/n1");
    assertThat(config.join()).isFalse();
  }

  @Test
  void raftPort_followsThisMembersEntryInPeers() {
    IndexConfig config =
        IndexConfig.from(
            Settings.of(
                Map.of("index.id", "b", "index.peers", "a=127.0.0.1:7001,b=127.0.0.1:7002")));
    assertThat(config.port()).isEqualTo(7002);
    assertThat(config.self()).isEqualTo(new IndexPeer("b", "127.0.0.1:7002"));
  }

  @Test
  void idMissingFromPeers_isRejectedWithTheRule() {
    assertThatThrownBy(() -> IndexConfig.from(Settings.of(Map.of("index.id", "n9"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("index.id 'n9' is not one of index.peers");
  }

  @Test
  void malformedPeers_areRejected() {
    assertThatThrownBy(() -> IndexPeer.parseList("n1=127.0.0.1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> IndexPeer.parseList("n1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ID=HOST:PORT");
    assertThatThrownBy(() -> IndexPeer.parseList("n1=h:1,n1=h:2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("twice");
  }
}
