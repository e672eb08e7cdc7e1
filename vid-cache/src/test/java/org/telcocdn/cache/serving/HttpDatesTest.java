package org.telcocdn.cache.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpDatesTest {
  @Test
  void formatsImfFixdateInUtcToTheSecond() {
    assertThat(HttpDates.format(784_111_777_000L).toString())
        .isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat((Object) HttpDates.format(784_111_777_999L))
        .isSameAs(HttpDates.format(784_111_777_000L));
  }
}
