package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.raw.media.ProcessPriority.Scheduler;

class ProcessPriorityTest {
  @Test
  void wrap_unchangedStartsTheCommandAsIs() {
    assertThat(ProcessPriority.UNCHANGED.wrap(List.of("ffmpeg", "-i", "x")))
        .containsExactly("ffmpeg", "-i", "x");
  }

  @Test
  void wrap_setsThePolicyThenTheNiceValue() {
    assertThat(new ProcessPriority(10, Scheduler.NORMAL, false).wrap(List.of("ffmpeg")))
        .containsExactly("nice", "-n", "10", "ffmpeg");
    assertThat(new ProcessPriority(19, Scheduler.BATCH, false).wrap(List.of("ffmpeg")))
        .containsExactly("chrt", "--batch", "0", "nice", "-n", "19", "ffmpeg");
    assertThat(new ProcessPriority(0, Scheduler.IDLE, false).wrap(List.of("ffmpeg")))
        .containsExactly("chrt", "--idle", "0", "ffmpeg");
  }

  @Test
  void wrap_ownSessionStartsANewSessionAndSetsItsAutogroupsNice() {
    List<String> wrapped =
        new ProcessPriority(19, Scheduler.IDLE, true).wrap(List.of("ffmpeg", "-i", "x"));
    assertThat(wrapped.subList(0, 3)).containsExactly("setsid", "sh", "-c");
    assertThat(wrapped.get(3)).contains("/proc/self/autogroup").contains("exec \"$@\"");
    assertThat(wrapped.subList(4, wrapped.size()))
        .containsExactly("19", "chrt", "--idle", "0", "nice", "-n", "19", "ffmpeg", "-i", "x");
  }

  @Test
  void missingTools_noneOnThisLinux() {
    assertThat(new ProcessPriority(19, Scheduler.IDLE, true).missingTools()).isEmpty();
  }

  @Test
  void scheduler_namedFromConfiguration() {
    assertThat(Scheduler.named(" IDLE ")).hasValue(Scheduler.IDLE);
    assertThat(Scheduler.named("fifo")).isEmpty();
    assertThatThrownBy(() -> new ProcessPriority(20, Scheduler.NORMAL, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
