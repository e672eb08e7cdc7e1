package org.telcocdn.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.accesslog.AccessRecord;
import org.telcocdn.accesslog.Cmcd;
import org.telcocdn.accesslog.RecordJson;
import org.telcocdn.common.json.Json;

class PopularityJobTest {
  static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = PopularityJob.session("local[2]");
  }

  @AfterAll
  static void stop() throws Exception {
    spark.close();
  }

  /** About 4,000 records over 20 titles and 3 days, in local[2]. */
  @Test
  void topTenAndRetentionMatchTheGeneratorsTruth() throws Exception {
    LogGenerator.Truth truth = LogGenerator.generate(dir.resolve("logs"), 400, 20, 3, 7);
    assertThat(truth.records()).isBetween(2_000L, 8_000L);
    long records = PopularityJob.run(spark, options());
    assertThat(records).isEqualTo(truth.records());
    JsonNode summary = summary();
    assertThat(titles(summary.path("top"))).containsExactlyElementsOf(truth.top(10));
    assertThat(summary.path("top").get(0).path("requests").asLong())
        .isEqualTo(truth.requests().get(truth.top(1).getFirst()));
    assertThat(summary.path("diurnal")).hasSize(24);
    assertThat(summary.path("topPerSite").size()).isEqualTo(3);
    assertThat(summary.path("errors").path("requests").asLong()).isZero();

    List<Row> retention =
        spark.read().parquet(dir.resolve("out/retention").toString()).collectAsList();
    int checked = 0;
    for (Row r : retention) {
      double[] expected = truth.retention().get(r.<String>getAs("cid"));
      int k = r.<Integer>getAs("segment");
      assertThat(r.<Double>getAs("share"))
          .as("%s k=%d", r.getAs("cid"), k)
          .isCloseTo(expected[k], within(1e-9));
      checked++;
    }
    long expectedPoints =
        truth.retention().values().stream()
            .mapToLong(share -> java.util.Arrays.stream(share).filter(s -> s > 0).count())
            .sum();
    assertThat(checked).isEqualTo(expectedPoints);
  }

  /**
   * 3,000 requests for an id no edge has (404) would top the chart if they counted; 503s of a known
   * title must not add to it; 206 and 304 are successes and do.
   */
  @Test
  void errorsAreReportedApart_andOnlySuccessfulResponsesCountAsPopularity() throws Exception {
    LogGenerator.Truth truth = LogGenerator.generate(dir.resolve("logs"), 400, 20, 3, 7);
    long time = 1_764_115_200_000L; // inside the generated days
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 3000; i++)
      extra.append(line(time + i, "nosuch", "s-" + i % 40, 404)).append('\n');
    for (int i = 0; i < 7; i++) extra.append(line(time + i, "gone", "s-1", 404)).append('\n');
    for (int i = 0; i < 50; i++) extra.append(line(time + i, "t0002", "s-2", 503)).append('\n');
    for (int i = 0; i < 10; i++) extra.append(line(time + i, "t0020", "s-3", 206)).append('\n');
    for (int i = 0; i < 10; i++) extra.append(line(time + i, "t0020", "s-3", 304)).append('\n');
    for (int i = 0; i < 5; i++) extra.append(line(time + i, null, null, 400)).append('\n');
    Files.writeString(dir.resolve("logs/edge-9-20251126T000000Z-000001.jsonl"), extra);

    long records = PopularityJob.run(spark, options());

    JsonNode summary = summary();
    assertThat(titles(summary.path("top"))).containsExactlyElementsOf(truth.top(10));
    assertThat(records).as("every record read").isEqualTo(truth.records() + 3000 + 7 + 50 + 20 + 5);
    assertThat(summary.path("top").get(1).path("requests").asLong())
        .as("t0002 without its 503s")
        .isEqualTo(truth.requests().get("t0002"));
    summary
        .path("topPerSite")
        .forEach(site -> assertThat(titles(site)).doesNotContain("nosuch", "gone"));
    assertThat(requestsOf("t0020"))
        .as("206 and 304 count")
        .isEqualTo(truth.requests().get("t0020") + 20);
    assertThat(requestsOf("nosuch")).isZero();

    JsonNode errors = summary.path("errors");
    assertThat(errors.path("requests").asLong()).isEqualTo(3000 + 7 + 50 + 5);
    assertThat(errors.path("byStatus").path("404").asLong()).isEqualTo(3007);
    assertThat(errors.path("byStatus").path("503").asLong()).isEqualTo(50);
    assertThat(errors.path("byStatus").path("400").asLong()).isEqualTo(5);
    List<String> unknown = new ArrayList<>();
    errors
        .path("unknownTitles")
        .forEach(t -> unknown.add(t.path("id").asText() + "=" + t.path("requests").asLong()));
    assertThat(unknown)
        .as("ids with no successful response; t0002 is known")
        .containsExactly("nosuch=3000", "gone=7");
    assertThat(
            spark
                .read()
                .parquet(dir.resolve("out/errors").toString())
                .filter("cid = 't0002'")
                .first()
                .<Long>getAs("requests"))
        .isEqualTo(50);
  }

  private PopularityJob.Options options() {
    return new PopularityJob.Options(
        dir.resolve("logs").toString(), dir.resolve("out").toString(), 10, null);
  }

  private JsonNode summary() throws Exception {
    return Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
  }

  /** A title's requests in the title_hour table. */
  private long requestsOf(String title) {
    Row sum =
        spark
            .read()
            .parquet(dir.resolve("out/title_hour").toString())
            .filter("cid = '" + title + "'")
            .agg(org.apache.spark.sql.functions.sum("requests"))
            .first();
    return sum.isNullAt(0) ? 0 : sum.getLong(0);
  }

  private static List<String> titles(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(t -> out.add(t.path("id").asText()));
    return out;
  }

  /** One segment request as an edge logs it; a null title is a path that names no video. */
  private static String line(long time, String title, String sid, int status) {
    String uri = title == null ? "/videos/" : "/videos/" + title + "/720p/seg_00001.m4s";
    return RecordJson.line(
        new AccessRecord(
            time,
            "edge-9",
            "site-a",
            "10.0.0.0",
            sid,
            title,
            title == null ? null : "720p",
            title == null ? -1 : 1,
            "GET",
            uri,
            status,
            status == 304 ? 0 : 1000,
            "MISS",
            300,
            2000,
            Cmcd.NONE));
  }
}
