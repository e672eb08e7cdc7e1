package org.telcocdn.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The popularity batch job over edge access logs (JSON lines, see the access-log module). Writes,
 * under the output directory, Parquet tables {@code title_hour}, {@code site_title}, {@code
 * diurnal}, {@code top_site}, {@code trending}, {@code retention}, {@code rendition_mix}, {@code
 * errors}, and {@code summary.json} (top titles, trending, day profile, rendition mix, errors) for
 * the controller. Popularity counts successful responses only (2xx, 304); errors are counted apart,
 * by status and title, with the ids that never had a successful response ("unknown").
 *
 * <p>Runs in {@code local[*]} unless a master is given ({@code spark-submit --master …} sets {@code
 * spark.master}, which is then left alone): {@code PopularityJob --input DIR --output DIR [--top N]
 * [--master URL]}.
 */
public final class PopularityJob {
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  /** Only the fields the job reads: a schema up front spares Spark a pass to infer one. */
  static final StructType SCHEMA =
      new StructType()
          .add("time", DataTypes.LongType)
          .add("edge", DataTypes.StringType)
          .add("site", DataTypes.StringType)
          .add("sid", DataTypes.StringType)
          .add("cid", DataTypes.StringType)
          .add("rendition", DataTypes.StringType)
          .add("segment", DataTypes.IntegerType)
          .add("sc-status", DataTypes.IntegerType)
          .add("sc-total-bytes", DataTypes.LongType);

  private PopularityJob() {}

  public record Options(String input, String output, int top, String master) {
    static Options parse(String[] args) {
      Map<String, String> a = new LinkedHashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i], args[i + 1]);
      if (!a.containsKey("--output"))
        throw new IllegalArgumentException(
            "usage: --input DIR --output DIR [--top N] [--master URL]");
      return new Options(
          a.getOrDefault("--input", ".cdn/logs/access"),
          a.get("--output"),
          Integer.parseInt(a.getOrDefault("--top", "10")),
          a.get("--master"));
    }
  }

  public static void main(String[] args) throws java.io.IOException {
    Options o = Options.parse(args);
    long start = System.nanoTime();
    try (SparkSession spark = session(o.master())) {
      long records = run(spark, o);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "records %d seconds %.1f records/s %.0f%n", records, seconds, records / seconds);
    }
  }

  static SparkSession session(String master) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("cdn-batch-popularity")
            .config("spark.ui.enabled", "false")
            // the aggregates are small (about one row per session and hour): a few partitions, not
            // Spark's 200
            .config(
                "spark.sql.shuffle.partitions",
                Integer.toString(2 * Runtime.getRuntime().availableProcessors()))
            .config("spark.sql.session.timeZone", "UTC");
    if (master != null) b.master(master);
    else if (System.getProperty("spark.master") == null) b.master("local[*]");
    return b.getOrCreate();
  }

  /** Computes and writes everything; the number of records read. */
  public static long run(SparkSession spark, Options o) {
    Dataset<Row> requests = requests(spark, o.input()).cache();
    long records = requests.agg(sum("requests")).first().getLong(0);
    step("read, parse and reduce to views");
    Dataset<Row> views = requests.filter(successful(col("status")).and(col("cid").isNotNull()));
    String out = o.output();
    Dataset<Row> titleHour =
        views.groupBy("cid", "hour").agg(sum("requests").as("requests"), sum("bytes").as("bytes"));
    write(titleHour, out + "/title_hour");
    Dataset<Row> siteTitle =
        views.groupBy("site", "cid").agg(sum("requests").as("requests"), sum("bytes").as("bytes"));
    write(siteTitle, out + "/site_title");
    Dataset<Row> diurnal =
        views
            .withColumn("hour_of_day", floor(col("hour").divide(HOUR)).mod(24))
            .groupBy("hour_of_day")
            .agg(sum("requests").as("requests"))
            .orderBy("hour_of_day");
    write(diurnal, out + "/diurnal");
    Dataset<Row> topSite =
        siteTitle
            .withColumn(
                "rank",
                row_number().over(Window.partitionBy("site").orderBy(desc("requests"), col("cid"))))
            .filter(col("rank").leq(o.top()));
    write(topSite, out + "/top_site");
    Dataset<Row> totals =
        titleHour.groupBy("cid").agg(sum("requests").as("requests"), sum("bytes").as("bytes"));
    List<Row> top = totals.orderBy(desc("requests"), col("cid")).limit(o.top()).collectAsList();
    Dataset<Row> trending = trending(titleHour);
    write(trending, out + "/trending");
    Dataset<Row> retention = retention(spark, views);
    write(retention, out + "/retention");
    Dataset<Row> mix =
        views
            .filter(col("rendition").isNotNull())
            .groupBy("rendition")
            .agg(sum("requests").as("requests"), sum("bytes").as("bytes"))
            .orderBy("rendition");
    write(mix, out + "/rendition_mix");
    Errors errors = Errors.of(requests, o.top());
    write(errors.table(), out + "/errors");
    Summary.write(
        Path.of(out, "summary.json"),
        records,
        top,
        topSite.collectAsList(),
        trending.orderBy(desc("growth")).limit(o.top()).collectAsList(),
        diurnal.collectAsList(),
        mix.collectAsList(),
        errors);
    step("aggregates and output");
    requests.unpersist();
    return records;
  }

  /**
   * {@link org.telcocdn.accesslog.AccessRecord#successful} as a column: 2xx (206 included) and 304.
   * Only these count as interest in a title; the rest are errors, reported apart ({@link Errors}).
   */
  static Column successful(Column status) {
    return status.between(200, 299).or(status.equalTo(304));
  }

  /**
   * The logs reduced, in one scan, to one row per (title, session, site, hour, rendition, status)
   * with its requests, bytes and deepest segment. Every answer of the job is an aggregate of these
   * rows, so the 10-million-row input is read once and never cached; what is cached is about one
   * row per session and hour (the status adds rows only where a session saw errors). The title is
   * null where the request named none (a path that is not a video's); only the error counts use
   * those.
   */
  static Dataset<Row> requests(SparkSession spark, String input) {
    return spark
        .read()
        .text(input)
        .as(Encoders.STRING())
        .mapPartitions(
            (MapPartitionsFunction<String, Row>) PopularityJob::rows, Encoders.row(SCHEMA))
        .withColumn("hour", floor(col("time").divide(HOUR)).multiply(HOUR))
        .groupBy(
            col("cid"),
            col("sid"),
            col("site"),
            col("hour"),
            col("rendition"),
            col("sc-status").as("status"))
        .agg(
            count(lit(1)).as("requests"),
            sum("sc-total-bytes").as("bytes"),
            max("segment").as("depth"));
  }

  /**
   * One file per table: every output is small, and a directory of one file is easier to hand on.
   */
  private static void write(Dataset<Row> table, String path) {
    table.coalesce(1).write().mode("overwrite").parquet(path);
  }

  private static long lastStep = System.nanoTime();

  /** Where the time goes, on stderr with -Dbatch.steps=true. */
  private static void step(String name) {
    long now = System.nanoTime();
    if (Boolean.getBoolean("batch.steps"))
      System.err.printf("step %s %.1f s%n", name, (now - lastStep) / 1e9);
    lastStep = now;
  }

  /** Lines to rows, skipping lines that are not records. */
  static Iterator<Row> rows(Iterator<String> lines) {
    return new Iterator<>() {
      private Row next = advance();

      private Row advance() {
        while (lines.hasNext()) {
          Row r = LineFields.parse(lines.next());
          if (r != null) return r;
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        Row r = next;
        next = advance();
        return r;
      }
    };
  }

  /**
   * Growth against a title's own history: its requests in the last 24 hours of the data over its
   * mean requests per 24 hours before that (titles with no history get none). The last 24 hours,
   * not the last calendar day, since logs end mid-day.
   */
  static Dataset<Row> trending(Dataset<Row> titleHour) {
    Row range = titleHour.agg(org.apache.spark.sql.functions.min("hour"), max("hour")).first();
    long first = range.getLong(0);
    long recentStart = range.getLong(1) + HOUR - DAY;
    double daysBefore = Math.max(1.0, (recentStart - first) / (double) DAY);
    return titleHour
        .withColumn("recent", when(col("hour").geq(recentStart), col("requests")).otherwise(0))
        .withColumn("before", when(col("hour").lt(recentStart), col("requests")).otherwise(0))
        .groupBy("cid")
        .agg(sum("recent").as("recent"), sum("before").as("before"))
        .filter(col("before").gt(0))
        .withColumn("growth", col("recent").divide(col("before").divide(daysBefore)));
  }

  /**
   * Share of a title's sessions whose deepest segment is at least k, for every k. Spark reduces the
   * sessions to a histogram of depths per title (titles × segments rows); the cumulative share is
   * then summed on the driver, which beats exploding every session into its segments.
   */
  static Dataset<Row> retention(SparkSession spark, Dataset<Row> views) {
    List<Row> histogram =
        views
            .filter(col("depth").geq(0).and(col("sid").isNotNull()))
            .groupBy("cid", "sid")
            .agg(max("depth").as("depth"))
            .groupBy("cid", "depth")
            .agg(count(lit(1)).as("sessions"))
            .collectAsList();
    Map<String, TreeMap<Integer, Long>> byTitle = new TreeMap<>();
    for (Row r : histogram) {
      byTitle
          .computeIfAbsent(r.getString(0), t -> new TreeMap<>())
          .merge(r.getInt(1), r.getLong(2), Long::sum);
    }
    List<Row> rows = new ArrayList<>();
    byTitle.forEach(
        (title, depths) -> {
          long sessions = depths.values().stream().mapToLong(Long::longValue).sum();
          long reached = sessions;
          int deepest = depths.lastKey();
          for (int k = 0; k <= deepest; k++) {
            rows.add(RowFactory.create(title, k, reached, sessions, (double) reached / sessions));
            reached -= depths.getOrDefault(k, 0L);
          }
        });
    StructType schema =
        new StructType()
            .add("cid", DataTypes.StringType)
            .add("segment", DataTypes.IntegerType)
            .add("reached", DataTypes.LongType)
            .add("sessions", DataTypes.LongType)
            .add("share", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }

  static List<String> keys(List<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getString(0)));
    return out;
  }
}
