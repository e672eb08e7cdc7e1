package org.telcocdn.index;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.telcocdn.index.IndexCommand.AddEdge;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.Assign;
import org.telcocdn.index.IndexCommand.Batch;
import org.telcocdn.index.IndexCommand.BumpVersion;
import org.telcocdn.index.IndexCommand.Invalidate;
import org.telcocdn.index.IndexCommand.RemoveEdge;
import org.telcocdn.index.IndexCommand.ReportHoldings;

/**
 * The replicated data, without any Raft: deterministic, so every member that applies the same log
 * gets the same state. Not thread-safe; {@link IndexStateMachine} guards it with a lock.
 */
final class IndexState {
  static final long UNKNOWN_EDGE = -1;

  /** Per title: its version and which edges hold which version of it. */
  private static final class Item {
    long version;
    final Map<String, Long> heldVersion = new TreeMap<>();
  }

  /** Per edge: capacity and the assignment the controller gave it. */
  private static final class EdgeRecord {
    long capacityBytes;
    long assignedBytes;
    Set<String> assigned = new LinkedHashSet<>();
  }

  private final Map<String, Item> items = new HashMap<>();
  private final Map<String, EdgeRecord> edges = new TreeMap<>();

  /** Applies one log entry's command; a batch yields one result per inner command. */
  long[] apply(IndexCommand command) {
    if (command instanceof Batch batch) {
      long[] results = new long[batch.commands().size()];
      for (int i = 0; i < results.length; i++) results[i] = applyOne(batch.commands().get(i));
      return results;
    }
    return new long[] {applyOne(command)};
  }

  private long applyOne(IndexCommand command) {
    return switch (command) {
      case BumpVersion c -> ++item(c.videoId()).version;
      case Invalidate c -> invalidate(c.videoId());
      case ReportHoldings c -> report(c);
      case Assign c -> assign(c);
      case AddEdge c -> addEdge(c);
      case RemoveEdge c -> removeEdge(c.edge());
      case Batch c -> throw new IllegalArgumentException("batches do not nest");
    };
  }

  private Item item(String videoId) {
    return items.computeIfAbsent(videoId, id -> new Item());
  }

  private long invalidate(String videoId) {
    Item item = item(videoId);
    item.heldVersion.clear();
    return ++item.version;
  }

  private long report(ReportHoldings report) {
    if (!edges.containsKey(report.edge())) return UNKNOWN_EDGE;
    long changes = 0;
    for (Admission a : report.admitted()) {
      Item item = item(a.videoId());
      // A copy older than an invalidation that was already applied must not come back as a holder.
      if (a.version() < item.version) continue;
      item.heldVersion.put(report.edge(), a.version());
      changes++;
    }
    for (String videoId : report.evicted()) {
      Item item = items.get(videoId);
      if (item != null && item.heldVersion.remove(report.edge()) != null) changes++;
    }
    return changes;
  }

  private long assign(Assign assign) {
    EdgeRecord edge = edges.get(assign.edge());
    if (edge == null) return UNKNOWN_EDGE;
    edge.assigned = new LinkedHashSet<>(assign.videoIds());
    edge.assignedBytes = assign.bytes();
    return edge.assigned.size();
  }

  private long addEdge(AddEdge add) {
    EdgeRecord existing = edges.get(add.edge());
    if (existing != null) {
      existing.capacityBytes = add.capacityBytes();
      return 0;
    }
    EdgeRecord edge = new EdgeRecord();
    edge.capacityBytes = add.capacityBytes();
    edges.put(add.edge(), edge);
    return 1;
  }

  private long removeEdge(String edge) {
    if (edges.remove(edge) == null) return 0;
    for (Item item : items.values()) item.heldVersion.remove(edge);
    return 1;
  }

  Holding holding(String videoId, long appliedIndex) {
    Item item = items.get(videoId);
    long version = item == null ? 0 : item.version;
    List<String> holders = new ArrayList<>();
    if (item != null) {
      item.heldVersion.forEach(
          (edge, held) -> {
            if (held >= version) holders.add(edge);
          });
    }
    List<String> assigned = new ArrayList<>();
    edges.forEach(
        (name, edge) -> {
          if (edge.assigned.contains(videoId)) assigned.add(name);
        });
    return new Holding(videoId, version, holders, assigned, appliedIndex);
  }

  /**
   * The holdings of every title one of {@code edgeNames} holds (any version) or is assigned, and of
   * {@code videoIds}.
   */
  List<Holding> siteView(List<String> edgeNames, List<String> videoIds, long appliedIndex) {
    Set<String> titles = new TreeSet<>(videoIds);
    items.forEach(
        (videoId, item) -> {
          if (edgeNames.stream().anyMatch(item.heldVersion::containsKey)) titles.add(videoId);
        });
    for (String name : edgeNames) {
      EdgeRecord edge = edges.get(name);
      if (edge != null) titles.addAll(edge.assigned);
    }
    return titles.stream().map(videoId -> holding(videoId, appliedIndex)).toList();
  }

  IndexSummary summary(long appliedIndex) {
    long holdings = items.values().stream().mapToLong(i -> i.heldVersion.size()).sum();
    return new IndexSummary(items.size(), edges.size(), holdings, appliedIndex);
  }

  void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(items.size());
    for (Map.Entry<String, Item> e : items.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue().version);
      out.writeInt(e.getValue().heldVersion.size());
      for (Map.Entry<String, Long> h : e.getValue().heldVersion.entrySet()) {
        out.writeUTF(h.getKey());
        out.writeLong(h.getValue());
      }
    }
    out.writeInt(edges.size());
    for (Map.Entry<String, EdgeRecord> e : edges.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue().capacityBytes);
      out.writeLong(e.getValue().assignedBytes);
      CommandCodec.writeStrings(List.copyOf(e.getValue().assigned), out);
    }
  }

  static IndexState readFrom(DataInputStream in) throws IOException {
    IndexState state = new IndexState();
    int itemCount = in.readInt();
    for (int i = 0; i < itemCount; i++) {
      Item item = state.item(in.readUTF());
      item.version = in.readLong();
      int held = in.readInt();
      for (int j = 0; j < held; j++) item.heldVersion.put(in.readUTF(), in.readLong());
    }
    int edgeCount = in.readInt();
    for (int i = 0; i < edgeCount; i++) {
      EdgeRecord edge = new EdgeRecord();
      String name = in.readUTF();
      edge.capacityBytes = in.readLong();
      edge.assignedBytes = in.readLong();
      edge.assigned = new LinkedHashSet<>(CommandCodec.readStrings(in));
      state.edges.put(name, edge);
    }
    return state;
  }
}
