package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {
  private static final List<Integer> CONFIGURED = List.of(1080, 720, 480, 360);

  @Test
  void plan_neverUpscales() {
    assertThat(Ladder.plan(CONFIGURED, 1280, 720))
        .extracting(Rung::name)
        .containsExactly("720p", "480p", "360p");
    assertThat(Ladder.plan(CONFIGURED, 1280, 720).getFirst().videoKbps()).isEqualTo(2800);
  }

  @Test
  void plan_smallSourceStillGetsThreeRungs() {
    List<Rung> plan = Ladder.plan(CONFIGURED, 426, 240);
    assertThat(plan).extracting(Rung::height).containsExactly(240, 160, 106);
    assertThat(plan).allSatisfy(r -> assertThat(r.width() % 2).isZero());
    assertThat(Ladder.plan(CONFIGURED, 640, 360))
        .extracting(Rung::height)
        .containsExactly(360, 240, 160);
  }

  @Test
  void plan_keepsAspectRatio() {
    assertThat(Ladder.plan(CONFIGURED, 1920, 1080))
        .extracting(Rung::width)
        .containsExactly(1920, 1280, 852, 640);
  }
}
