package org.telcocdn.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.json.Json;

/** What the end-to-end tests do against running services, whichever way they were started. */
final class Services {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Services() {}

  /** Uploads {@code file} to the origin's ingest API, as `cdn ingest` does; the video JSON. */
  static Map<?, ?> ingest(String origin, Path file, String name, String... tags) throws Exception {
    StringBuilder query =
        new StringBuilder("?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    for (String tag : tags)
      query.append("&tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(origin + "/api/ingest" + query))
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .timeout(Duration.ofMinutes(5))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 201) {
      throw new AssertionError(
          "ingest answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return Json.read(response.body(), Map.class);
  }

  /** How many edges the broker lists as UP; 0 while it cannot be reached. */
  static long upEdges(String broker) {
    try {
      HttpResponse<byte[]> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(broker + "/api/edges")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return Json.MAPPER.readTree(response.body()).get("edges").findValuesAsText("state").stream()
          .filter("UP"::equals)
          .count();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /**
   * Debian's Chromium, headless, driven by Playwright (which must never download a browser here),
   * with the flags that keep it off the network this machine does not have.
   */
  static Browser chromium(Playwright playwright) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(
                    List.of(
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--autoplay-policy=no-user-gesture-required")));
  }

  static Playwright playwright() {
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }
}
