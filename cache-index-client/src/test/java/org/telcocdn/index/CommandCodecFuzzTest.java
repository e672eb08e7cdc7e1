package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Raft commands as any bytes a client may submit: decoding either refuses them with an {@link
 * IllegalArgumentException} or yields a command that encodes back to a form that decodes to the
 * same command; it never throws anything else (no out-of-memory on a made-up count, no stack
 * overflow on nested batches). Without {@code JAZZER_FUZZ} this replays its seeds.
 */
class CommandCodecFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void decode(byte[] bytes) {
    IndexCommand command;
    try {
      command = CommandCodec.decode(bytes);
    } catch (IllegalArgumentException refused) {
      return;
    }
    assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
  }
}
