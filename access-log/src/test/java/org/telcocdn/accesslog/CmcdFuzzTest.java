package org.telcocdn.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * CMCD as any player may send it, in a query or in headers (CTA-5004): parsing never throws and
 * keeps what a log record may hold small. Without {@code JAZZER_FUZZ} this replays its seeds.
 */
class CmcdFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void payload(String text) {
    Cmcd fromPayload = CmcdParser.parse(text);
    Cmcd fromQuery = CmcdParser.fromQuery(text);
    Cmcd fromHeaders = CmcdParser.fromHeaders(text, text, null, text);
    for (Cmcd cmcd : new Cmcd[] {fromPayload, fromQuery, fromHeaders}) {
      assertThat(cmcd.values().size()).isLessThanOrEqualTo(64);
      cmcd.values()
          .values()
          .forEach(
              v ->
                  assertThat(String.valueOf(v).length())
                      .isLessThanOrEqualTo(CmcdParser.MAX_PAYLOAD));
    }
  }
}
