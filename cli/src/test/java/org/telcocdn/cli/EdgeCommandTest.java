package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.common.config.Settings;
import org.telcocdn.testkit.FakeHttpOrigin;
import org.telcocdn.testkit.FakeHttpOrigin.Reply;
import picocli.CommandLine;

/** {@code cdn edge}: one edge in front of one HTTP origin, set up from exactly its four flags. */
class EdgeCommandTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path work;

  private EdgeCommand command(String... args) {
    EdgeCommand command = new EdgeCommand(Console.withoutSamples(work).context());
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void frontsTheOriginForEveryPath_andKeepsItsOwnHealthAndMetrics() throws Exception {
    try (FakeHttpOrigin origin =
        FakeHttpOrigin.start(
            r -> Reply.ok("from origin " + r.target(), "Cache-Control", "max-age=60"))) {
      EdgeServer edge =
          command(
                  "--origin",
                  origin.url(),
                  "--listen",
                  "127.0.0.1:0",
                  "--cache-dir",
                  "cache",
                  "--cache-size",
                  "64MiB")
              .start(Settings.of(Map.of()));
      try {
        var miss = get(edge.url() + "/any/path.css?v=1");
        var hit = get(edge.url() + "/any/path.css?v=1");

        assertThat(miss.body()).isEqualTo("from origin /any/path.css?v=1");
        assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(origin.requests("/any/path.css?v=1")).hasSize(1);
        assertThat(get(edge.url() + "/health").statusCode()).isEqualTo(200);
        assertThat(get(edge.url() + "/metrics").body())
            .contains("edge_http_responses_total{decision=\"STORED\"");
        assertThat(edge.config().cacheDir()).isEqualTo(work.resolve("cache"));
        assertThat(edge.config().diskMaxBytes()).isEqualTo(64L << 20);
        assertThat(edge.config().standalone()).isTrue();
      } finally {
        edge.close();
      }
    }
  }

  @Test
  void badFlags_areUsageErrorsNamingTheFlag() {
    Console cdn = Console.withoutSamples(work);

    assertThat(cdn.run("edge", "--origin", "ftp://origin", "--listen", "127.0.0.1:0")).isEqualTo(2);
    assertThat(cdn.err()).contains("--origin").contains("http://HOST[:PORT]");
    assertThat(cdn.run("edge", "--origin", "http://127.0.0.1:1", "--listen", "nowhere"))
        .isEqualTo(2);
    assertThat(cdn.err()).contains("--listen must be HOST:PORT");
    assertThat(
            cdn.run(
                "edge",
                "--origin",
                "http://127.0.0.1:1",
                "--listen",
                "127.0.0.1:0",
                "--cache-size",
                "lots"))
        .isEqualTo(2);
    assertThat(cdn.err()).contains("--cache-size");
    assertThat(cdn.run("edge", "--listen", "127.0.0.1:0")).isEqualTo(2);
    assertThat(cdn.err()).contains("--origin");
  }
}
