package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TraceFormatTest {
  @TempDir Path dir;

  private static Trace sample() {
    return new Trace.Builder()
        .add(0, 1, 100)
        .add(5, Long.MAX_VALUE, 4_000_000_000L)
        .add(5, 1, 100)
        .add(9, 0x7C0D000000000001L, 7)
        .build();
  }

  @ParameterizedTest
  @EnumSource(TraceFormat.class)
  void writeThenReadGivesTheSameRequests(TraceFormat format) throws IOException {
    Path file = dir.resolve("t." + format);
    format.write(sample(), file);
    Trace back = format.read(file);
    Trace expected = sample();
    assertThat(back.length()).isEqualTo(expected.length());
    for (int i = 0; i < expected.length(); i++) {
      assertThat(new long[] {back.time(i), back.id(i), back.size(i)})
          .containsExactly(expected.time(i), expected.id(i), expected.size(i));
    }
  }

  @Test
  void oracleRecordsAre24LittleEndianBytesWithTheNextAccess() throws IOException {
    Path file = dir.resolve("t.oracle");
    TraceFormat.ORACLE.write(sample(), file);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.capacity()).isEqualTo(4 * 24);
    assertThat(b.getInt(24)).isEqualTo(5); // time of the second record
    assertThat(b.getLong(4)).isEqualTo(1); // id of the first
    assertThat(b.getLong(16)).isEqualTo(2); // the first record's id is requested again at index 2
    assertThat(b.getLong(24 + 16)).isEqualTo(-1);
  }

  @Test
  void csvHasAHeaderLine() throws IOException {
    Path file = dir.resolve("t.csv");
    TraceFormat.CSV.write(sample(), file);
    assertThat(Files.readAllLines(file).getFirst()).isEqualTo("time,id,size");
    assertThat(Files.readAllLines(file).get(1)).isEqualTo("0,1,100");
  }
}
