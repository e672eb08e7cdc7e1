package org.telcocdn.controller.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.http.ApiException;

class CrossSiteRelayTest {
  @Test
  void aSiteHearsTheOtherSitesRatesAfterTheRelayNeverItsOwn() {
    CrossSiteRelay relay = new CrossSiteRelay();
    assertThat(relay.report("site-a", Map.of("viral", 12.0, "calm", 0.1), 1000)).isEmpty();
    assertThat(relay.report("site-b", Map.of("other", 3.0), 1010))
        .as("calm is below the report floor: not news")
        .containsExactly(Map.entry("viral", 12.0));
    assertThat(relay.report("site-a", Map.of(), 1020)).as("relayed every 30 s").isEmpty();
    assertThat(relay.report("site-a", Map.of(), 1031)).containsExactly(Map.entry("other", 3.0));
  }

  @Test
  void oversizedReportsAndTooManySitesAreRefused() {
    CrossSiteRelay relay = new CrossSiteRelay();
    Map<String, Double> many = new HashMap<>();
    for (int i = 0; i <= CrossSiteRelay.MAX_REPORT; i++) many.put("t" + i, 1.0);
    assertThatThrownBy(() -> relay.report("site-a", many, 0))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("at most");
    for (int s = 0; s < CrossSiteRelay.MAX_SITES; s++) relay.report("s" + s, Map.of(), 0);
    assertThatThrownBy(() -> relay.report("one-more", Map.of(), 0))
        .isInstanceOf(ApiException.class);
  }
}
