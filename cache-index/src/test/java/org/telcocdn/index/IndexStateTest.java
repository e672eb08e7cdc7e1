package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
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

class IndexStateTest {
  private final IndexState state = new IndexState();

  private static ReportHoldings admit(String edge, String videoId, long version) {
    return new ReportHoldings(edge, List.of(new Admission(videoId, version)), List.of());
  }

  @Test
  void bumpVersion_countsUpPerTitle() {
    assertThat(state.apply(new BumpVersion("a"))).containsExactly(1);
    assertThat(state.apply(new BumpVersion("a"))).containsExactly(2);
    assertThat(state.apply(new BumpVersion("b"))).containsExactly(1);
    assertThat(state.holding("a", 3).version()).isEqualTo(2);
  }

  @Test
  void reportHoldings_fromUnknownEdge_isRejected() {
    assertThat(state.apply(admit("edge-x", "a", 0))).containsExactly(IndexState.UNKNOWN_EDGE);
    assertThat(state.holding("a", 1).holders()).isEmpty();
  }

  @Test
  void holders_leaveOutCopiesOlderThanTheCurrentVersion() {
    state.apply(
        new Batch(List.of(new AddEdge("e1", 100), new AddEdge("e2", 100), new BumpVersion("a"))));
    state.apply(new Batch(List.of(admit("e1", "a", 1), admit("e2", "a", 1))));
    assertThat(state.holding("a", 0).holders()).containsExactly("e1", "e2");

    state.apply(new BumpVersion("a"));
    state.apply(admit("e2", "a", 2));

    assertThat(state.holding("a", 0).holders()).containsExactly("e2");
  }

  @Test
  void invalidate_forgetsHolders_andRefusesLateReportsOfTheOldVersion() {
    state.apply(new Batch(List.of(new AddEdge("e1", 100), admit("e1", "a", 0))));
    assertThat(state.apply(new Invalidate("a"))).containsExactly(1);
    assertThat(state.apply(admit("e1", "a", 0))).containsExactly(0);
    assertThat(state.holding("a", 0).holders()).isEmpty();
  }

  @Test
  void evictions_and_removeEdge_dropHoldings() {
    state.apply(
        new Batch(
            List.of(
                new AddEdge("e1", 100),
                new AddEdge("e2", 100),
                admit("e1", "a", 0),
                admit("e2", "a", 0))));
    assertThat(state.apply(new ReportHoldings("e1", List.of(), List.of("a", "never-held"))))
        .containsExactly(1);
    assertThat(state.apply(new RemoveEdge("e2"))).containsExactly(1);
    assertThat(state.holding("a", 0).holders()).isEmpty();
    assertThat(state.summary(0).edges()).isEqualTo(1);
  }

  @Test
  void assign_replacesTheEdgesAssignment() {
    state.apply(new AddEdge("e1", 1000));
    assertThat(state.apply(new Assign("e1", List.of("a", "b"), 500))).containsExactly(2);
    assertThat(state.apply(new Assign("e1", List.of("b"), 200))).containsExactly(1);
    assertThat(state.holding("a", 0).assigned()).isEmpty();
    assertThat(state.holding("b", 0).assigned()).containsExactly("e1");
    assertThat(state.apply(new Assign("nobody", List.of("a"), 1)))
        .containsExactly(IndexState.UNKNOWN_EDGE);
  }

  @Test
  void snapshot_roundTrip_keepsEverything() throws IOException {
    state.apply(
        new Batch(
            List.of(
                new AddEdge("e1", 100),
                new AddEdge("e2", 7),
                new BumpVersion("a"),
                new BumpVersion("a"),
                admit("e1", "a", 2),
                admit("e2", "b", 0),
                new Assign("e2", List.of("a", "c"), 64))));

    IndexState copy =
        IndexState.readFrom(
            new DataInputStream(new ByteArrayInputStream(IndexStateMachine.serialise(state))));

    for (String id : List.of("a", "b", "c", "d"))
      assertThat(copy.holding(id, 9)).isEqualTo(state.holding(id, 9));
    assertThat(copy.summary(9)).isEqualTo(state.summary(9));
    assertThat(IndexStateMachine.serialise(copy)).isEqualTo(IndexStateMachine.serialise(state));
  }

  @Test
  void codec_roundTrip_ofEveryCommand() {
    IndexCommand batch =
        new Batch(
            List.of(
                new BumpVersion("a"),
                new Invalidate("b"),
                new ReportHoldings("e1", List.of(new Admission("a", 3)), List.of("z")),
                new Assign("e1", List.of("a"), 42),
                new AddEdge("e2", 9),
                new RemoveEdge("e3")));
    assertThat(CommandCodec.decode(CommandCodec.encode(batch))).isEqualTo(batch);
    assertThat(CommandCodec.decodeResults(CommandCodec.encodeResults(new long[] {1, -1, 7})))
        .containsExactly(1, -1, 7);
  }

  @Test
  void siteView_namesTitlesHeldOrAssignedByTheEdges_andTheAskedOnes() {
    state.apply(
        new Batch(
            List.of(
                new AddEdge("e1", 100),
                new AddEdge("e2", 100),
                new AddEdge("e9", 100),
                admit("e1", "a", 0),
                admit("e9", "z", 0),
                new Assign("e2", List.of("b"), 10))));
    state.apply(new Invalidate("c"));

    List<Holding> view = state.siteView(List.of("e1", "e2"), List.of("c"), 7);

    assertThat(view).extracting(Holding::videoId).containsExactly("a", "b", "c");
    assertThat(view.get(0).holders()).containsExactly("e1");
    assertThat(view.get(1).assigned()).containsExactly("e2");
    assertThat(view.get(2).version()).isEqualTo(1);
  }

  @Test
  void queryCodec_roundTrip_ofASiteViewAndItsAnswer() {
    IndexQuery query = new IndexQuery.SiteView(List.of("e1", "e2"), List.of("a"));
    assertThat(IndexQuery.decode(IndexQuery.encode(query))).isEqualTo(query);
    List<Holding> answer =
        List.of(
            new Holding("a", 2, List.of("e1"), List.of(), 5),
            new Holding("b", 0, List.of(), List.of("e2"), 5));
    assertThat(IndexQuery.decodeHoldings(IndexQuery.encodeHoldings(answer))).isEqualTo(answer);
  }
}
