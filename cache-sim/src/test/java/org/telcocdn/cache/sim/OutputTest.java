package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {
  private final List<Result> results =
      List.of(
          new Result("lru", 0.01, 10, 0.9, 0.8), new Result("vpop", 0.01, 10, 0.7, 0.6),
          new Result("lru", 0.1, 100, 0.5, 0.4), new Result("vpop", 0.1, 100, 0.4, 0.3));

  @Test
  void csvHasOneRowPerPolicyAndSize() throws IOException {
    StringWriter out = new StringWriter();
    ResultCsv.write(results, out);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.getFirst())
        .startsWith("policy,size_fraction,")
        .contains("object_miss_ratio", "byte_miss_ratio");
    assertThat(lines.getFirst()).endsWith(",segment_byte_miss_ratio,other_byte_miss_ratio");
    assertThat(lines).hasSize(5).contains("vpop,0.1,100,0.40000,0.30000,,");
  }

  @Test
  void aMixedTraceGetsTheByteMissRatioOfEachClass() throws IOException {
    List<Result> mixed = List.of(new Result("vpop", 0.01, 10, 0.7, 0.6, 0.65, 0.4));
    StringWriter csv = new StringWriter();
    ResultCsv.write(mixed, csv);
    assertThat(csv.toString()).contains("vpop,0.01,10,0.70000,0.60000,0.65000,0.40000");
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ResultTable.print(mixed, new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8))
        .contains("segment_byte", "other_byte", "0.6500", "0.4000");
  }

  @Test
  void aSingleClassTraceKeepsTheShortTable() {
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ResultTable.print(results, new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8))
        .contains("byte_miss")
        .doesNotContain("segment_byte");
  }

  @Test
  void svgHasOnePolylinePerPolicyAndALegend() throws IOException {
    StringWriter out = new StringWriter();
    MissRatioPlot.write(results, "t", out);
    String svg = out.toString();
    assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
    assertThat(svg.split("<polyline", -1)).hasSize(3);
    assertThat(svg).contains(">lru</text>", ">vpop</text>", ">1%</text>", ">10%</text>");
  }
}
