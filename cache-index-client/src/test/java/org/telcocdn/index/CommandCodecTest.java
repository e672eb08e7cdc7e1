package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
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

/** The binary form of commands and queries, and the rules it holds in both directions. */
class CommandCodecTest {

  @Test
  void everyCommand_roundTrips() {
    IndexCommand batch =
        new Batch(
            List.of(
                new BumpVersion("a1"),
                new Invalidate("a1"),
                new ReportHoldings("edge-1", List.of(new Admission("a1", 3)), List.of("b2")),
                new Assign("edge.2", List.of("a1", "b2"), 1 << 20),
                new AddEdge("edge_3", 5),
                new RemoveEdge("edge-1")));

    assertThat(CommandCodec.decode(CommandCodec.encode(batch))).isEqualTo(batch);
  }

  @Test
  void encode_refusesCommandsThatBreakARule_beforeAnythingIsSent() {
    assertRefused(new BumpVersion("../../tmp/x"), "video id must match");
    assertRefused(new Invalidate(""), "video id must match");
    assertRefused(new AddEdge("edge 1", 10), "edge name must match");
    assertRefused(new AddEdge("edge-1", -1), "capacity must not be negative");
    assertRefused(
        new ReportHoldings("edge-1", List.of(new Admission("a1", -2)), List.of()),
        "version of a1 must not be negative");
    assertRefused(new Assign("edge-1", List.of("a1"), -5), "assigned bytes must not be negative");
    assertRefused(
        new Assign("edge-1", Collections.nCopies(CommandRules.MAX_ITEMS + 1, "a1"), 0),
        "assigned titles: at most 10000");
    assertRefused(
        new Batch(Collections.nCopies(CommandRules.MAX_BATCH + 1, new BumpVersion("a1"))),
        "commands in a batch: at most 1000");
    assertRefused(
        new Batch(List.of(new BumpVersion("a1"), new RemoveEdge("Ä"))),
        "command 1 of the batch: edge name must match");
  }

  @Test
  void encode_refusesACommandLargerThanALogEntryMayBe() {
    List<ReportHoldings> reports =
        Collections.nCopies(
            200,
            new ReportHoldings(
                "edge-1", Collections.nCopies(1_000, new Admission("a".repeat(64), 1)), List.of()));

    assertRefused(
        new Batch(List.copyOf(reports)), "a command takes at most 2097152 bytes, this one more");
  }

  @Test
  void decode_refusesBytesThatAreNotExactlyOneValidCommand() {
    byte[] good = CommandCodec.encode(new BumpVersion("a1"));

    assertNotACommand(new byte[0], "not an index command");
    assertNotACommand(new byte[] {42}, "unknown command tag 42");
    assertNotACommand(Arrays.copyOf(good, good.length - 1), "not an index command");
    assertNotACommand(Arrays.copyOf(good, good.length + 3), "3 bytes after the command");
    assertNotACommand(
        bytes(
            out -> {
              out.writeByte(1);
              out.writeUTF("NOT/AN/ID");
            }),
        "video id must match");
    assertNotACommand(
        bytes(
            out -> {
              out.writeByte(7);
              out.writeInt(1);
              out.writeByte(7);
              out.writeInt(0);
            }),
        "batches do not nest");
  }

  @Test
  void decode_neverAllocatesWhatACountClaims_beforeTheBytesAreThere() {
    byte[] hugeList =
        bytes(
            out -> {
              out.writeByte(3);
              out.writeUTF("edge-1");
              out.writeInt(Integer.MAX_VALUE);
            });
    byte[] claimsMoreThanFollows =
        bytes(
            out -> {
              out.writeByte(3);
              out.writeUTF("edge-1");
              out.writeInt(5_000);
              out.writeUTF("a1");
            });
    byte[] negative =
        bytes(
            out -> {
              out.writeByte(4);
              out.writeUTF("edge-1");
              out.writeInt(-7);
            });

    assertNotACommand(hugeList, "at most 10000 allowed, was 2147483647");
    assertNotACommand(claimsMoreThanFollows, "a list claims 5000 items but only");
    assertNotACommand(negative, "was -7");
  }

  @Test
  void aRejectedEntrysReply_comesBackAsTheRejection() {
    byte[] reply = CommandCodec.encodeRejection("video id must match ..., was 'X'");

    assertThatThrownBy(() -> CommandCodec.decodeResults(reply))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessage("the index rejected the command: video id must match ..., was 'X'");
    assertThat(CommandCodec.decodeResults(CommandCodec.encodeResults(new long[] {4, -1})))
        .containsExactly(4, -1);
  }

  @Test
  void queries_areBoundedBothWays() {
    SiteView view = new SiteView(List.of("edge-1"), List.of("a1", "b2"));
    assertThat(IndexQuery.decode(IndexQuery.encode(view))).isEqualTo(view);

    assertThatThrownBy(() -> IndexQuery.encode(new HoldersOf("../etc")))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageContaining("video id must match");
    assertThatThrownBy(
            () ->
                IndexQuery.encode(
                    new SiteView(
                        Collections.nCopies(CommandRules.MAX_QUERY_EDGES + 1, "e"), List.of())))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageContaining("edges in a site view: at most 1024");
    assertThatThrownBy(
            () ->
                IndexQuery.decode(
                    bytes(
                        out -> {
                          out.writeByte(3);
                          out.writeInt(Integer.MAX_VALUE);
                        })))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageContaining("at most 100000 allowed");
    assertThatThrownBy(() -> IndexQuery.decode(new byte[] {9}))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageContaining("unknown query tag 9");
  }

  private static void assertRefused(IndexCommand command, String message) {
    assertThatThrownBy(() -> CommandCodec.encode(command))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageContaining(message);
  }

  private static void assertNotACommand(byte[] data, String message) {
    assertThatThrownBy(() -> CommandCodec.decode(data))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageContaining(message);
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }
}
