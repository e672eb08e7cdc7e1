package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionTableTest {
  @Test
  void putReturnsThePreviousEdgeAndEdgeFindsLiveSessions() {
    SessionTable table = new SessionTable();
    assertThat(table.put(42, 3, 1_000)).isEqualTo(-1);
    assertThat(table.put(42, 5, 2_000)).isEqualTo(3);
    assertThat(table.edge(42, 1_500)).isEqualTo(5);
    assertThat(table.edge(42, 2_001)).isEqualTo(-1);
    assertThat(table.edge(43, 0)).isEqualTo(-1);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void keyZeroIsStoredLikeAnyOther() {
    SessionTable table = new SessionTable();
    table.put(0, 7, 10);
    assertThat(table.edge(0, 0)).isEqualTo(7);
    assertThat(table.edge(1, 0))
        .as("0 and 1 share a stored key, like any hash collision")
        .isEqualTo(7);
  }

  /**
   * Keys that all hash to the same home slot and wrap around the end: removal must keep them
   * findable.
   */
  @Test
  void removalsInsideAWrappingProbeRunKeepTheRestFindable() {
    SessionTable table = new SessionTable(); // 16 slots: home = (key ^ key >>> 32) & 15
    long[] keys = {
      14, 30, 46, 62, 78, 15, 31
    }; // homes 14, 14, 14, 14, 14, 15, 15: the run wraps to slot 4
    for (int i = 0; i < keys.length; i++) table.put(keys[i], i, i < 3 ? 0 : 100);
    table.sweep(50, e -> {});
    assertThat(table.size()).isEqualTo(4);
    for (int i = 0; i < keys.length; i++)
      assertThat(table.edge(keys[i], 0)).isEqualTo(i < 3 ? -1 : i);
  }

  @Test
  void sweepRemovesOnlyExpiredSessionsAndReportsTheirEdges() {
    SessionTable table = new SessionTable();
    for (long k = 1; k <= 100; k++) table.put(k * 7919, (int) (k % 3), k);
    List<Integer> expired = new ArrayList<>();
    table.sweep(51, expired::add);
    assertThat(expired).hasSize(50);
    assertThat(table.size()).isEqualTo(50);
    for (long k = 1; k <= 100; k++) {
      assertThat(table.edge(k * 7919, 0)).isEqualTo(k <= 50 ? -1 : (int) (k % 3));
    }
  }

  /** Random puts and sweeps against a HashMap model, through growth, tombstones and shrinking. */
  @Test
  void agreesWithAMapThroughChurn() {
    SessionTable table = new SessionTable();
    Map<Long, long[]> model = new HashMap<>(); // key -> {edge, seen}
    Random random = new Random(11);
    for (long now = 0; now < 20_000; now++) {
      long key = 2 + random.nextInt(5_000);
      int edge = random.nextInt(8);
      long[] old = model.put(key, new long[] {edge, now});
      assertThat(table.put(key, edge, now)).isEqualTo(old == null ? -1 : (int) old[0]);
      if (now % 997 == 0) {
        long oldestLive = now - 1_500;
        int[] swept = {0};
        table.sweep(oldestLive, e -> swept[0]++);
        int before = model.size();
        model.values().removeIf(v -> v[1] < oldestLive);
        assertThat(swept[0]).isEqualTo(before - model.size());
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    model.forEach((key, v) -> assertThat(table.edge(key, 0)).isEqualTo((int) v[0]));
  }
}
