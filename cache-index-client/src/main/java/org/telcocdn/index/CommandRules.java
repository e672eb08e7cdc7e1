package org.telcocdn.index;

import java.util.List;
import java.util.regex.Pattern;
import org.telcocdn.common.video.VideoId;
import org.telcocdn.index.IndexCommand.AddEdge;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.Assign;
import org.telcocdn.index.IndexCommand.Batch;
import org.telcocdn.index.IndexCommand.BumpVersion;
import org.telcocdn.index.IndexCommand.Invalidate;
import org.telcocdn.index.IndexCommand.RemoveEdge;
import org.telcocdn.index.IndexCommand.ReportHoldings;
import org.telcocdn.index.IndexQuery.HoldersOf;
import org.telcocdn.index.IndexQuery.SiteView;
import org.telcocdn.index.IndexQuery.Summary;

/**
 * What a command or a query of the index may hold. Checked in {@link CommandCodec} and {@link
 * IndexQuery} on both sides of the wire: when the client encodes (a broken caller is refused before
 * anything is sent), when the leader decodes in {@code startTransaction} (a client that skipped the
 * check is refused before the entry reaches the log), and when a member applies an entry (whatever
 * is in a log, from an older version or a disk, becomes an error result instead of an exception).
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>what</th><th>limit</th><th>why</th></tr>
 *   <tr><td>video id</td><td>{@link VideoId#PATTERN}</td><td>the id rule of every service</td></tr>
 *   <tr><td>edge name</td><td>{@link #EDGE_NAME}</td><td>the broker's rule for a registered edge</td></tr>
 *   <tr><td>versions, capacities, bytes</td><td>&ge; 0</td><td>counts</td></tr>
 *   <tr><td>titles in one list of a command</td><td>{@value #MAX_ITEMS}</td><td>an edge sends larger
 *       holdings diffs in several reports</td></tr>
 *   <tr><td>commands in one batch</td><td>{@value #MAX_BATCH}</td><td>the benchmark's largest batch is 250</td></tr>
 *   <tr><td>one encoded command</td><td>{@value #MAX_COMMAND_BYTES} bytes</td><td>a log entry well under
 *       Ratis' 4 MB appender buffer, so every entry can be sent to a follower</td></tr>
 *   <tr><td>edges in one site view</td><td>{@value #MAX_QUERY_EDGES}</td><td>a site's edges</td></tr>
 *   <tr><td>titles named in one site view</td><td>{@value #MAX_QUERY_TITLES}</td><td>an edge names the
 *       titles it holds and was asked for</td></tr>
 *   <tr><td>one encoded query</td><td>{@value #MAX_QUERY_BYTES} bytes</td><td>the titles above at 64
 *       characters each</td></tr>
 * </table>
 */
public final class CommandRules {
  public static final Pattern EDGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  public static final int MAX_ITEMS = 10_000;
  public static final int MAX_BATCH = 1_000;
  public static final int MAX_COMMAND_BYTES = 2 << 20;
  public static final int MAX_QUERY_EDGES = 1_024;
  public static final int MAX_QUERY_TITLES = 100_000;
  public static final int MAX_QUERY_BYTES = 8 << 20;
  private static final int SHOWN = 80;

  private CommandRules() {}

  /** Throws {@link InvalidCommandException} naming the first rule {@code command} breaks. */
  public static void check(IndexCommand command) {
    if (command instanceof Batch batch) {
      count("commands in a batch", batch.commands().size(), MAX_BATCH);
      for (int i = 0; i < batch.commands().size(); i++) {
        try {
          checkOne(batch.commands().get(i));
        } catch (InvalidCommandException e) {
          throw new InvalidCommandException("command " + i + " of the batch: " + e.getMessage());
        }
      }
      return;
    }
    checkOne(command);
  }

  /** Throws {@link InvalidCommandException} naming the first rule {@code query} breaks. */
  public static void check(IndexQuery query) {
    switch (query) {
      case HoldersOf q -> videoId(q.videoId());
      case Summary q -> {}
      case SiteView q -> {
        count("edges in a site view", q.edges().size(), MAX_QUERY_EDGES);
        count("titles in a site view", q.videoIds().size(), MAX_QUERY_TITLES);
        q.edges().forEach(CommandRules::edge);
        q.videoIds().forEach(CommandRules::videoId);
      }
    }
  }

  private static void checkOne(IndexCommand command) {
    switch (command) {
      case BumpVersion c -> videoId(c.videoId());
      case Invalidate c -> videoId(c.videoId());
      case ReportHoldings c -> report(c);
      case Assign c -> {
        edge(c.edge());
        titles("assigned titles", c.videoIds());
        notNegative("assigned bytes", c.bytes());
      }
      case AddEdge c -> {
        edge(c.edge());
        notNegative("capacity", c.capacityBytes());
      }
      case RemoveEdge c -> edge(c.edge());
      case Batch c -> throw new InvalidCommandException("batches do not nest");
    }
  }

  private static void report(ReportHoldings report) {
    edge(report.edge());
    count("admitted titles", report.admitted().size(), MAX_ITEMS);
    for (Admission a : report.admitted()) {
      videoId(a.videoId());
      notNegative("version of " + a.videoId(), a.version());
    }
    titles("evicted titles", report.evicted());
  }

  private static void titles(String what, List<String> videoIds) {
    count(what, videoIds.size(), MAX_ITEMS);
    videoIds.forEach(CommandRules::videoId);
  }

  static void count(String what, long count, long max) {
    if (count < 0 || count > max)
      throw new InvalidCommandException(what + ": at most " + max + " allowed, was " + count);
  }

  private static void notNegative(String what, long value) {
    if (value < 0) throw new InvalidCommandException(what + " must not be negative, was " + value);
  }

  private static void videoId(String id) {
    if (!VideoId.isValid(id))
      throw new InvalidCommandException(
          "video id must match " + VideoId.PATTERN + ", was " + shown(id));
  }

  private static void edge(String name) {
    if (name == null || !EDGE_NAME.matcher(name).matches()) {
      throw new InvalidCommandException(
          "edge name must match " + EDGE_NAME + ", was " + shown(name));
    }
  }

  private static String shown(String value) {
    if (value == null) return "null";
    return "'" + (value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value) + "'";
  }
}
