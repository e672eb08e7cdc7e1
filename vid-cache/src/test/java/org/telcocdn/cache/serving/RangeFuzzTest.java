package org.telcocdn.cache.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@code Range} headers as any client may send them (RFC 9110 section 14.1.2): the edge either
 * ignores one (null: the whole object), finds it unsatisfiable (empty: 416), or serves a span
 * inside the object, and never throws. Without {@code JAZZER_FUZZ} this replays its seeds.
 */
class RangeFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void range(FuzzedDataProvider data) {
    long size = data.consumeLong(0, Long.MAX_VALUE / 2);
    String header = data.consumeRemainingAsString();
    long[] span = ResponsePlan.parseRange(header, size);
    if (span == null || span.length == 0) return;
    assertThat(span).hasSize(2);
    assertThat(span[0]).isBetween(0L, size - 1);
    assertThat(span[1]).isBetween(span[0], size - 1);
  }
}
