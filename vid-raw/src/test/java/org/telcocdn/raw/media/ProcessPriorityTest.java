package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.raw.media.ProcessPriority.Scheduler;

class ProcessPriorityTest {
  @Test
  void wrap_unchangedStartsTheCommandAsIs() {
    assertThat(ProcessPriority.UNCHANGED.wrap(List.of("ffmpeg", "-i", "x"))).containsExactly("ffmpeg", "-i", "x");
  }

  @Test
  void wrap_setsThePolicyThenTheNiceValue() {
    assertThat(new ProcessPriority(10, Scheduler.NORMAL).wrap(List.of("ffmpeg"))).containsExactly("nice", "-n", "10", "ffmpeg");
    assertThat(new ProcessPriority(19, Scheduler.BATCH).wrap(List.of("ffmpeg")))
        .containsExactly("chrt", "--batch", "0", "nice", "-n", "19", "ffmpeg");
    assertThat(new ProcessPriority(0, Scheduler.IDLE).wrap(List.of("ffmpeg"))).containsExactly("chrt", "--idle", "0", "ffmpeg");
  }

  @Test
  void missingTools_noneOnThisLinux() {
    assertThat(new ProcessPriority(19, Scheduler.IDLE).missingTools()).isEmpty();
  }

  @Test
  void scheduler_namedFromConfiguration() {
    assertThat(Scheduler.named(" IDLE ")).hasValue(Scheduler.IDLE);
    assertThat(Scheduler.named("fifo")).isEmpty();
    assertThatThrownBy(() -> new ProcessPriority(20, Scheduler.NORMAL)).isInstanceOf(IllegalArgumentException.class);
  }
}
