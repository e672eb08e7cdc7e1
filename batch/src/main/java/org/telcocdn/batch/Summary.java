package org.telcocdn.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.telcocdn.common.json.Json;

/**
 * {@code summary.json}: the small answer the controller reads for capacity allocation, next to the
 * Parquet tables. Titles as {@code {"id","requests","bytes"}}; per site the top list; trending with
 * its growth factor; the day profile as 24 request counts (UTC hours); the rendition mix as shares;
 * all of these from successful responses only. {@code errors}: the other responses, as {@code
 * {"requests", "byStatus": {"404": n}, "unknownTitles": [{"id","requests"}]}}.
 */
final class Summary {
  private Summary() {}

  static void write(
      Path file,
      long records,
      List<Row> top,
      List<Row> topSite,
      List<Row> trending,
      List<Row> diurnal,
      List<Row> mix,
      Errors errors) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generatedAt", Instant.now().toString());
    out.put("records", records);
    out.put(
        "top",
        top.stream()
            .map(r -> title(r.getAs("cid"), r.getAs("requests"), r.getAs("bytes")))
            .toList());
    Map<String, List<Object>> perSite = new LinkedHashMap<>();
    for (Row r : topSite) {
      perSite
          .computeIfAbsent(r.getAs("site"), s -> new ArrayList<>())
          .add(title(r.getAs("cid"), r.getAs("requests"), r.getAs("bytes")));
    }
    out.put("topPerSite", perSite);
    out.put(
        "trending",
        trending.stream()
            .map(
                r ->
                    Map.of(
                        "id",
                        r.getAs("cid"),
                        "growth",
                        r.getAs("growth"),
                        "recent",
                        r.getAs("recent")))
            .toList());
    long[] day = new long[24];
    for (Row r : diurnal) day[(int) (long) r.<Long>getAs("hour_of_day")] = r.getAs("requests");
    out.put("diurnal", day);
    long total = mix.stream().mapToLong(r -> r.<Long>getAs("requests")).sum();
    Map<String, Double> shares = new LinkedHashMap<>();
    for (Row r : mix)
      shares.put(r.getAs("rendition"), total == 0 ? 0 : r.<Long>getAs("requests") / (double) total);
    out.put("renditionMix", shares);
    out.put("errors", errors(errors));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Map<String, Object> errors(Errors errors) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("requests", errors.requests());
    Map<String, Long> byStatus = new LinkedHashMap<>();
    errors.byStatus().forEach((status, n) -> byStatus.put(Integer.toString(status), n));
    out.put("byStatus", byStatus);
    out.put(
        "unknownTitles",
        errors.unknown().stream()
            .map(r -> Map.of("id", r.getAs("cid"), "requests", r.getAs("requests")))
            .toList());
    return out;
  }

  private static Map<String, Object> title(Object id, Object requests, Object bytes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("requests", requests);
    m.put("bytes", bytes);
    return m;
  }
}
