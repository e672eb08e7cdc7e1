package org.telcocdn.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.telcocdn.common.config.ConfigException;

/** One index member as configured: its id and the host:port of its Raft transport. */
public record IndexPeer(String id, String address) {
  public IndexPeer {
    if (!id.matches("[A-Za-z0-9_-]{1,64}"))
      throw new ConfigException("index member id must be 1-64 of [A-Za-z0-9_-], was '" + id + "'");
    if (!address.matches("[^:\\s]+:\\d{1,5}"))
      throw new ConfigException("index member address must be host:port, was '" + address + "'");
  }

  /** Parses {@code ID=HOST:PORT}. */
  public static IndexPeer parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) throw new ConfigException("index member must be ID=HOST:PORT, was '" + spec + "'");
    return new IndexPeer(spec.substring(0, eq).trim(), spec.substring(eq + 1).trim());
  }

  /** Parses {@code n1=127.0.0.1:9861,n2=127.0.0.1:9862,...}. */
  public static List<IndexPeer> parseList(String specs) {
    List<IndexPeer> peers = new ArrayList<>();
    for (String spec : specs.split(",")) {
      if (!spec.isBlank()) peers.add(parse(spec.trim()));
    }
    if (peers.stream().map(IndexPeer::id).distinct().count() != peers.size()) {
      throw new ConfigException("index.peers names a member twice: " + specs);
    }
    return peers;
  }

  public int port() {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  public RaftPeer toRaft() {
    return RaftPeer.newBuilder().setId(RaftPeerId.valueOf(id)).setAddress(address).build();
  }

  public static IndexPeer of(RaftPeer peer) {
    return new IndexPeer(peer.getId().toString(), peer.getAddress());
  }

  @Override
  public String toString() {
    return id + "=" + address;
  }
}
