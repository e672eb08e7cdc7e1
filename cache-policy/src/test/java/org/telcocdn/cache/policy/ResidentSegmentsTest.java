package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResidentSegmentsTest {
  private static final SegmentKey SEGMENT = new SegmentKey(7, 3, 41);

  /**
   * Random adds and removes against the list and map it replaced: the same slots (an ArrayList's
   * swap-remove), and every resident key found in its slot, every removed one gone.
   */
  private static <K> void behavesAsAListAndAMap(List<K> universe, long seed) {
    ResidentSegments<K> table = new ResidentSegments<>();
    List<K> slots = new ArrayList<>();
    Map<K, Integer> where = new HashMap<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (int step = 0; step < 50_000; step++) {
      K key = universe.get(random.nextInt(universe.size()));
      Integer at = where.get(key);
      if (at == null) {
        assertThat(table.find(key)).isEqualTo(-1);
        assertThat(table.add(key, step, SEGMENT, step)).isEqualTo(slots.size());
        where.put(key, slots.size());
        slots.add(key);
      } else {
        assertThat(table.find(key)).isEqualTo(at);
        table.remove(at);
        K last = slots.removeLast();
        where.remove(key);
        if (last != key) {
          slots.set(at, last);
          where.put(last, at);
        }
      }
    }
    assertThat(table.size()).isEqualTo(slots.size());
    for (int slot = 0; slot < slots.size(); slot++) {
      assertThat(table.key(slot)).isEqualTo(slots.get(slot));
      assertThat(table.find(slots.get(slot))).isEqualTo(slot);
    }
  }

  @Test
  void keepsTheSlotsOfASwapRemoveListForNumericIds() {
    List<Long> ids = new ArrayList<>();
    for (int title = 0; title < 40; title++)
      for (int k = 0; k < 100; k++) ids.add(VideoIds.pack(title << 8, 2, k)); // same low bytes
    behavesAsAListAndAMap(ids, 1);
  }

  @Test
  void keepsTheSlotsOfASwapRemoveListForKeysWhoseHashesClash() {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) paths.add("Aa".repeat(i % 3) + "BB".repeat(2 - i % 3) + i / 3);
    assertThat("AaBB0".hashCode()).isEqualTo("BBAa0".hashCode());
    behavesAsAListAndAMap(paths, 2);
  }

  @Test
  void aSlotHoldsWhatWasAddedAndMovesWithItsSegment() {
    ResidentSegments<String> table = new ResidentSegments<>();
    table.add("gone", 10, new SegmentKey(1, 1, 1), 5);
    table.add("kept", 2_000_000, SEGMENT, 9);
    table.remove(0);
    int slot = table.find("kept");
    assertThat(slot).isZero();
    assertThat(table.size(slot)).isEqualTo(2_000_000);
    assertThat(table.touched(slot)).isEqualTo(9);
    assertThat(table.title(slot)).isEqualTo(7);
    assertThat(table.rendition(slot)).isEqualTo(3);
    assertThat(table.index(slot)).isEqualTo(41);
    table.touch(slot, 12);
    assertThat(table.touched(slot)).isEqualTo(12);
  }
}
