package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.controller.predict.FederatedRounds;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelStore;

/**
 * {@code cdn gen-trace --kind flash-crowd}, then {@code cdn predict tune} and {@code eval} on a
 * small trace, generated once for the class: 3 crowds and 2 decoys a site give 0.26 M requests (a
 * crowd's sessions, not the background, make most of a trace), so each replay takes about a second.
 */
class PredictCommandTest {
  @TempDir static Path work;
  private Console cdn;

  @BeforeAll
  static void trace() {
    Console gen = Console.withoutSamples(work);
    int exit =
        gen.run(
            "gen-trace",
            "--kind",
            "flash-crowd",
            "--out",
            "fc.csv",
            "--seed",
            "4",
            "--titles",
            "300",
            "--requests",
            "20000",
            "--sites",
            "2",
            "--flash-crowds",
            "3",
            "--decoys",
            "2");
    assertThat(exit).as(gen.err()).isZero();
  }

  @BeforeEach
  void console() {
    cdn = Console.withoutSamples(work);
  }

  @Test
  void genTraceWritesTheSiteColumnAndTheLabelsBeside() throws Exception {
    assertThat(Files.readAllLines(work.resolve("fc.csv")).getFirst())
        .isEqualTo("time,id,size,site");
    assertThat(Files.readAllLines(work.resolve("fc.labels.csv")).getFirst())
        .isEqualTo("onset,site,title,kind,peak_per_min,base_per_min");
  }

  @Test
  void evalWritesEveryAlarmAndPrintsDetectionAndCacheTables() throws Exception {
    int exit =
        cdn.run(
            "predict",
            "eval",
            "--trace",
            "fc.csv",
            "--format",
            "csv",
            "--alarms",
            "alarms.csv",
            "--methods",
            "ewma-z,federated",
            "--act-on",
            "federated",
            "--baselines",
            "lru",
            "--sizes",
            "0.05");
    assertThat(exit).as(cdn.err()).isZero();
    List<String> alarms = Files.readAllLines(work.resolve("alarms.csv"));
    assertThat(alarms.getFirst()).isEqualTo("time,site,title,score,method");
    assertThat(alarms.subList(1, alarms.size()))
        .allSatisfy(row -> assertThat(row).matches("\\d+,\\d+,\\d+,[-0-9.e]+,(ewma-z|federated)"));
    assertThat(cdn.out())
        .contains("ewma-z", "federated", "precision", "lead median", "spike byte hit", "waste");
    assertThat(cdn.out()).doesNotContain("cusum");
  }

  @Test
  void tuneWritesThresholdsAndModelsThatEvalReads() throws Exception {
    assertThat(
            cdn.run(
                "predict", "tune", "--trace", "fc.csv", "--out", "t.csv", "--model-out", "m.bin"))
        .as(cdn.err())
        .isZero();
    assertThat(Files.readAllLines(work.resolve("t.csv"))).first().isEqualTo("method,threshold");
    assertThat(cdn.out()).contains("wrote " + work.resolve("m.bin"));
    // The same file is what the controller starts its rounds from (controller.predict.model).
    GlobalModel shipped = FederatedRounds.initial(work.resolve("m.bin"));
    assertThat(shipped.version()).isZero();
    assertThat(shipped.weights())
        .containsExactly(ModelStore.read(work.resolve("m.bin")).get(ModelStore.FEDERATED_GLOBAL));
    int exit =
        cdn.run(
            "predict",
            "eval",
            "--trace",
            "fc.csv",
            "--alarms",
            "a.csv",
            "--thresholds",
            "t.csv",
            "--model",
            "m.bin",
            "--methods",
            "cusum,federated",
            "--act-on",
            "");
    assertThat(exit).as(cdn.err()).isZero();
    assertThat(cdn.out()).contains("cusum", "federated").doesNotContain("spike byte hit");
  }

  @Test
  void badInputGetsAUsageErrorNamingIt() throws Exception {
    assertThat(
            cdn.run(
                "predict", "eval", "--trace", "fc.csv", "--alarms", "a.csv", "--methods", "magic"))
        .isEqualTo(CliException.USAGE);
    assertThat(cdn.err()).contains("unknown method 'magic'");
    assertThat(cdn.run("predict", "eval", "--trace", "missing.csv", "--alarms", "a.csv"))
        .isEqualTo(CliException.USAGE);
    Files.writeString(work.resolve("bad.csv"), "method,threshold\nfederated,abc\n");
    assertThat(
            cdn.run(
                "predict",
                "eval",
                "--trace",
                "fc.csv",
                "--alarms",
                "a.csv",
                "--thresholds",
                "bad.csv"))
        .isEqualTo(CliException.USAGE);
    assertThat(cdn.err()).contains("bad.csv:2");
    assertThat(
            cdn.run("gen-trace", "--kind", "flash-crowd", "--out", "x.bin", "--format", "oracle"))
        .isEqualTo(CliException.USAGE);
    Files.writeString(work.resolve("notamodel.bin"), "method,threshold\n");
    assertThat(
            cdn.run(
                "predict",
                "eval",
                "--trace",
                "fc.csv",
                "--alarms",
                "a.csv",
                "--model",
                "notamodel.bin"))
        .isEqualTo(CliException.USAGE);
    assertThat(cdn.err()).contains("cannot read the models", "magic");
  }
}
