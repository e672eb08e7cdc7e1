package org.telcocdn.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;

class PopularityJobTest {
  @TempDir Path dir;

  /** About 4,000 records over 20 titles and 3 days, in local[2]. */
  @Test
  void topTenAndRetentionMatchTheGeneratorsTruth() throws Exception {
    LogGenerator.Truth truth = LogGenerator.generate(dir.resolve("logs"), 400, 20, 3, 7);
    assertThat(truth.records()).isBetween(2_000L, 8_000L);
    try (SparkSession spark = PopularityJob.session("local[2]")) {
      long records = PopularityJob.run(spark, new PopularityJob.Options(dir.resolve("logs").toString(),
          dir.resolve("out").toString(), 10, null));
      assertThat(records).isEqualTo(truth.records());
      JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
      List<String> top = new ArrayList<>();
      summary.path("top").forEach(t -> top.add(t.path("id").asText()));
      assertThat(top).containsExactlyElementsOf(truth.top(10));
      assertThat(summary.path("top").get(0).path("requests").asLong()).isEqualTo(truth.requests().get(top.getFirst()));
      assertThat(summary.path("diurnal")).hasSize(24);
      assertThat(summary.path("topPerSite").size()).isEqualTo(3);

      List<Row> retention = spark.read().parquet(dir.resolve("out/retention").toString()).collectAsList();
      int checked = 0;
      for (Row r : retention) {
        double[] expected = truth.retention().get(r.<String>getAs("cid"));
        int k = r.<Integer>getAs("segment");
        assertThat(r.<Double>getAs("share")).as("%s k=%d", r.getAs("cid"), k).isCloseTo(expected[k], within(1e-9));
        checked++;
      }
      long expectedPoints = truth.retention().values().stream()
          .mapToLong(share -> java.util.Arrays.stream(share).filter(s -> s > 0).count()).sum();
      assertThat(checked).isEqualTo(expectedPoints);
    }
  }
}
