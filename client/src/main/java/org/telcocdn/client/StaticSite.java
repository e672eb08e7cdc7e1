package org.telcocdn.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.telcocdn.client.StaticAsset.CachePolicy;

/**
 * The closed list of files the client serves, each read from the classpath once. A request path is
 * only ever looked up in this list, never turned into a file or resource name, so no request can
 * reach anything else (the source tree, the jar's other entries, the file system). A missing
 * resource fails start-up rather than the first page view.
 */
final class StaticSite {

  private static final List<String> PAGES =
      List.of(
          "index.html",
          "player.html",
          "favicon.svg",
          "css/site.css",
          "js/api.js",
          "js/format.js",
          "js/catalog.js",
          "js/player.js",
          "js/stats.js",
          "js/failover.js",
          "js/beacons.js",
          "js/live.js",
          "js/live-trace.js",
          "operator.html",
          "js/operator.js",
          "js/charts.js",
          "js/predictions.js",
          "js/live-card.js",
          "css/operator.css");

  private final List<StaticAsset> assets;

  private StaticSite(List<StaticAsset> assets) {
    this.assets = List.copyOf(assets);
  }

  static StaticSite load() {
    List<StaticAsset> assets = new ArrayList<>();
    assets.add(required("/", "web/index.html", CachePolicy.REVALIDATE));
    for (String page : PAGES) {
      assets.add(required("/" + page, "web/" + page, CachePolicy.REVALIDATE));
    }
    String hls = webjarDist("hls.js");
    assets.add(required("/vendor/hls.min.js", hls + "hls.min.js", CachePolicy.VENDOR));
    String map = hls + "hls.min.js.map";
    optional(map)
        .ifPresent(
            bytes ->
                assets.add(
                    StaticAsset.of("/vendor/hls.min.js.map", map, CachePolicy.VENDOR, bytes)));
    String uplot = webjarDist("uplot");
    assets.add(
        required("/vendor/uPlot.iife.min.js", uplot + "uPlot.iife.min.js", CachePolicy.VENDOR));
    assets.add(required("/vendor/uPlot.min.css", uplot + "uPlot.min.css", CachePolicy.VENDOR));
    return new StaticSite(assets);
  }

  List<StaticAsset> assets() {
    return assets;
  }

  /**
   * The {@code dist/} directory of an npm webjar, found from the webjar's own record of its version
   * (part of the path of every file in it) rather than written here, so bumping the version in the
   * root pom is enough.
   */
  private static String webjarDist(String npmPackage) {
    String pomFile = "META-INF/maven/org.webjars.npm/" + npmPackage + "/pom.properties";
    Properties pom = new Properties();
    try {
      pom.load(
          new ByteArrayInputStream(
              optional(pomFile)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "the "
                                  + npmPackage
                                  + " webjar is missing from the classpath ("
                                  + pomFile
                                  + ")"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pomFile, e);
    }
    return "META-INF/resources/webjars/" + npmPackage + "/" + pom.getProperty("version") + "/dist/";
  }

  private static StaticAsset required(String urlPath, String resource, CachePolicy policy) {
    byte[] bytes =
        optional(resource)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "classpath resource " + resource + " is missing from the client jar"));
    return StaticAsset.of(urlPath, resource, policy, bytes);
  }

  private static Optional<byte[]> optional(String resource) {
    try (InputStream in = StaticSite.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }
}
