package org.telcocdn.index;

import java.util.List;
import java.util.Objects;

/**
 * A write to the cache index: one of these, or a {@link Batch} of them, is one Raft log entry. Each
 * command yields one {@code long} result when applied (by the server's {@code IndexState.apply}).
 */
public sealed interface IndexCommand {

  /** A new version of the title was published: returns the new version. */
  record BumpVersion(String videoId) implements IndexCommand {
    public BumpVersion {
      Objects.requireNonNull(videoId);
    }
  }

  /**
   * The title's cached copies are void: bumps the version and forgets every holder. Returns the new
   * version.
   */
  record Invalidate(String videoId) implements IndexCommand {
    public Invalidate {
      Objects.requireNonNull(videoId);
    }
  }

  /**
   * What an edge admitted (at the version it fetched) and evicted since its last report. Returns
   * the changes applied, or -1 for an unknown edge.
   */
  record ReportHoldings(String edge, List<Admission> admitted, List<String> evicted)
      implements IndexCommand {
    public ReportHoldings {
      Objects.requireNonNull(edge);
      admitted = List.copyOf(admitted);
      evicted = List.copyOf(evicted);
    }
  }

  /** A copy of {@code videoId} at {@code version} now cached on the reporting edge. */
  record Admission(String videoId, long version) {
    public Admission {
      Objects.requireNonNull(videoId);
    }
  }

  /**
   * Replaces the edge's assignment: the titles it should hold and the bytes it offers for them.
   * Returns the titles assigned, or -1 for an unknown edge.
   */
  record Assign(String edge, List<String> videoIds, long bytes) implements IndexCommand {
    public Assign {
      Objects.requireNonNull(edge);
      videoIds = List.copyOf(videoIds);
    }
  }

  /**
   * An edge joins the index with its cache capacity: returns 1 if new, 0 if it was known (capacity
   * updated).
   */
  record AddEdge(String edge, long capacityBytes) implements IndexCommand {
    public AddEdge {
      Objects.requireNonNull(edge);
    }
  }

  /** An edge leaves: its holdings and assignment go with it. Returns 1 if it was known, else 0. */
  record RemoveEdge(String edge) implements IndexCommand {
    public RemoveEdge {
      Objects.requireNonNull(edge);
    }
  }

  /**
   * Several commands in one log entry, applied in order: how edges' reports stay off
   * one-entry-per-request.
   */
  record Batch(List<IndexCommand> commands) implements IndexCommand {
    public Batch {
      commands = List.copyOf(commands);
      if (commands.stream().anyMatch(c -> c instanceof Batch))
        throw new IllegalArgumentException("batches do not nest");
    }
  }
}
