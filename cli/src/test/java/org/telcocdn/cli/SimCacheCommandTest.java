package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cdn gen-trace} then {@code cdn sim-cache} on a small generated trace, in every format. */
class SimCacheCommandTest {
  @TempDir Path work;

  @Test
  void generatesATraceAndWritesOneCsvRowPerPolicyAndSizeAndAPlot() throws Exception {
    Console cdn = new Console(work, null);
    assertThat(
            cdn.run(
                "gen-trace",
                "--out",
                "t.bin",
                "--format",
                "oracle",
                "--seed",
                "3",
                "--titles",
                "100",
                "--requests",
                "20000"))
        .isZero();
    int exit =
        cdn.run(
            "sim-cache",
            "--trace",
            "t.bin",
            "--format",
            "oracle",
            "--policies",
            "lru,s3fifo,wtinylfu,vpop,belady,belady-size",
            "--sizes",
            "0.01,0.1",
            "--warmup",
            "0.3",
            "--csv",
            "out.csv",
            "--svg",
            "out.svg");
    assertThat(exit).as(cdn.err()).isZero();
    assertThat(cdn.out())
        .contains("warm-up: first 6000 requests (30 %) not counted", "belady-size");
    List<String> rows = Files.readAllLines(work.resolve("out.csv"));
    assertThat(rows.getFirst())
        .contains("policy,size_fraction", "object_miss_ratio", "byte_miss_ratio");
    assertThat(rows).hasSize(1 + 6 * 2);
    assertThat(Files.readString(work.resolve("out.svg"))).startsWith("<svg").contains("<polyline");
  }

  @Test
  void textFormatsRoundTripThroughTheCommands() {
    Console cdn = new Console(work, null);
    for (String format : List.of("csv", "lrb")) {
      assertThat(
              cdn.run(
                  "gen-trace",
                  "--kind",
                  "general",
                  "--out",
                  "g." + format,
                  "--format",
                  format,
                  "--titles",
                  "500",
                  "--requests",
                  "5000"))
          .isZero();
      assertThat(
              cdn.run(
                  "sim-cache",
                  "--trace",
                  "g." + format,
                  "--format",
                  format,
                  "--policies",
                  "s3fifo",
                  "--sizes",
                  "0.1"))
          .isZero();
      assertThat(cdn.out()).contains("5000 requests").contains("s3fifo");
    }
  }

  @Test
  void aMixedTraceIsReportedPerClass() throws Exception {
    Console cdn = new Console(work, null);
    assertThat(
            cdn.run(
                "gen-trace",
                "--kind",
                "mixed",
                "--out",
                "m.bin",
                "--format",
                "oracle",
                "--titles",
                "100",
                "--objects",
                "2000",
                "--general-share",
                "0.4",
                "--drift",
                "50",
                "--requests",
                "20000"))
        .isZero();
    assertThat(
            cdn.run(
                "sim-cache",
                "--trace",
                "m.bin",
                "--format",
                "oracle",
                "--policies",
                "s3fifo,vpop",
                "--sizes",
                "0.05",
                "--csv",
                "m.csv"))
        .isZero();
    assertThat(cdn.out()).contains("segment_byte", "other_byte");
    assertThat(Files.readAllLines(work.resolve("m.csv")))
        .hasSize(3)
        .allMatch(row -> !row.endsWith(","));
  }

  @Test
  void badMixOrSizesAreUsageErrors() {
    Console cdn = new Console(work, null);
    assertThat(cdn.run("gen-trace", "--kind", "mixed", "--out", "m.bin", "--general-share", "2"))
        .isEqualTo(CliException.USAGE);
    assertThat(
            cdn.run(
                "gen-trace",
                "--kind",
                "general",
                "--out",
                "g.bin",
                "--min-size",
                "10",
                "--max-size",
                "5"))
        .isEqualTo(CliException.USAGE);
    assertThat(cdn.err()).contains("min <= max");
  }

  @Test
  void anUnknownFormatOrPolicyIsAUsageError() {
    Console cdn = new Console(work, null);
    assertThat(cdn.run("gen-trace", "--out", "t.csv", "--requests", "1000", "--titles", "10"))
        .isZero();
    assertThat(cdn.run("sim-cache", "--trace", "t.csv", "--format", "parquet"))
        .isEqualTo(CliException.USAGE);
    assertThat(cdn.run("sim-cache", "--trace", "t.csv", "--policies", "arc"))
        .isEqualTo(CliException.USAGE);
    assertThat(cdn.err()).contains("unknown cache policy 'arc'");
  }
}
