package org.telcocdn.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The requests popularity leaves out: every response that was not a success (see {@link
 * PopularityJob#successful}), counted by status and by title. A title that never had a successful
 * response in the logs is "unknown" (a stale link, a deleted video, a client guessing ids): its
 * requests say nothing about what viewers watch, but an operator wants to see them.
 *
 * @param table the Parquet table {@code errors}: requests per (status, cid), cid null where the
 *     path named no video
 * @param byStatus requests per status code
 * @param unknown the top unknown ids by requests, rows of (cid, requests)
 */
record Errors(Dataset<Row> table, Map<Integer, Long> byStatus, List<Row> unknown) {

  static Errors of(Dataset<Row> requests, int top) {
    Dataset<Row> failed = requests.filter(not(PopularityJob.successful(col("status"))));
    Dataset<Row> table = failed.groupBy("status", "cid").agg(sum("requests").as("requests"));
    Map<Integer, Long> byStatus = new TreeMap<>();
    for (Row r : table.groupBy("status").agg(sum("requests").as("requests")).collectAsList()) {
      byStatus.put(r.getInt(0), r.getLong(1));
    }
    Dataset<Row> known =
        requests
            .filter(PopularityJob.successful(col("status")).and(col("cid").isNotNull()))
            .select("cid")
            .distinct();
    List<Row> unknown =
        table
            .filter(col("cid").isNotNull())
            .groupBy("cid")
            .agg(sum("requests").as("requests"))
            .join(known, "cid", "left_anti")
            .orderBy(desc("requests"), col("cid"))
            .limit(top)
            .collectAsList();
    return new Errors(table, byStatus, unknown);
  }

  long requests() {
    return byStatus.values().stream().mapToLong(Long::longValue).sum();
  }
}
