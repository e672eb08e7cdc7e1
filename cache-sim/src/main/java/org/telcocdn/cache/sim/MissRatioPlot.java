package org.telcocdn.cache.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG line chart of byte miss ratio against cache size (log scale when the sizes span more than
 * a factor of 4), one polyline per policy, written by hand so the simulator needs no plotting
 * library.
 */
public final class MissRatioPlot {
  private static final String[] COLOURS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#7f7f7f"
  };
  private static final int W = 640;
  private static final int H = 400;
  private static final int LEFT = 70;
  private static final int RIGHT = 160;
  private static final int TOP = 30;
  private static final int BOTTOM = 50;

  private MissRatioPlot() {}

  public static void write(List<Result> results, String title, Writer out) throws IOException {
    Map<String, List<Result>> lines = new LinkedHashMap<>();
    results.forEach(r -> lines.computeIfAbsent(r.policy(), p -> new ArrayList<>()).add(r));
    double minX = results.stream().mapToDouble(Result::sizeFraction).min().orElse(0.01);
    double maxX = results.stream().mapToDouble(Result::sizeFraction).max().orElse(1);
    boolean log = maxX / minX > 4;
    double maxY =
        Math.min(
            1,
            Math.ceil(results.stream().mapToDouble(Result::byteMissRatio).max().orElse(1) * 10)
                / 10);
    Axis x = new Axis(log, minX, maxX, LEFT, W - RIGHT);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            W,
            H));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n",
            LEFT,
            escape(title)));
    axes(svg, x, maxY, lines.values().iterator().next());
    int i = 0;
    for (Map.Entry<String, List<Result>> line : lines.entrySet()) {
      String colour = COLOURS[i % COLOURS.length];
      String dash = line.getKey().startsWith("belady") ? " stroke-dasharray=\"6 4\"" : "";
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(colour)
          .append('"')
          .append(dash)
          .append(" points=\"");
      for (Result r : line.getValue())
        svg.append(
            String.format(
                Locale.ROOT, "%.1f,%.1f ", x.at(r.sizeFraction()), y(r.byteMissRatio(), maxY)));
      svg.append("\"/>\n");
      int ly = TOP + 10 + 20 * i;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>",
              W - RIGHT + 15,
              ly,
              W - RIGHT + 40,
              ly,
              colour,
              dash));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\">%s</text>%n",
              W - RIGHT + 45,
              ly + 4,
              escape(line.getKey())));
      i++;
    }
    svg.append("</svg>\n");
    out.write(svg.toString());
  }

  private static void axes(StringBuilder svg, Axis x, double maxY, List<Result> ticks) {
    int bottom = H - BOTTOM;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
            LEFT,
            bottom,
            W - RIGHT,
            bottom));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
            LEFT,
            TOP,
            LEFT,
            bottom));
    for (Result r : ticks) {
      double px = x.at(r.sizeFraction());
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>",
              px,
              bottom,
              px,
              bottom + 5));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%%</text>%n",
              px,
              bottom + 18,
              percent(r.sizeFraction())));
    }
    for (int k = 0; k <= 5; k++) {
      double v = maxY * k / 5;
      double py = y(v, maxY);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>",
              LEFT,
              py,
              W - RIGHT,
              py));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
              LEFT - 6,
              py + 4,
              v));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">cache size (share of working set bytes)</text>%n",
            (LEFT + W - RIGHT) / 2,
            H - 12));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">byte miss ratio</text>%n",
            (TOP + H - BOTTOM) / 2,
            (TOP + H - BOTTOM) / 2));
  }

  private static String percent(double fraction) {
    double p = fraction * 100;
    return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p);
  }

  private static double y(double value, double maxY) {
    return H - BOTTOM - (H - BOTTOM - TOP) * value / maxY;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private record Axis(boolean log, double min, double max, int from, int to) {
    double at(double v) {
      double t =
          max == min
              ? 0.5
              : log ? Math.log(v / min) / Math.log(max / min) : (v - min) / (max - min);
      return from + 10 + t * (to - from - 20);
    }
  }
}
