package org.telcocdn.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.Await;

/** A broker that cannot be reached never fails an update or delete; the lost notice is counted. */
class BrokerOutageTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void writesSucceed_andFailedNoticesAreCounted(@TempDir Path dir) throws Exception {
    String goneBroker;
    try (RecordingBroker broker = new RecordingBroker()) {
      goneBroker = broker.url(); // closed below: nothing listens there any more
    }
    try (MetadataServer server =
        MetadataServer.start(
            new MetadataConfig(
                "127.0.0.1",
                0,
                "jdbc:h2:file:" + dir.resolve("videos"),
                "sa",
                "",
                goneBroker,
                4096))) {
      assertThat(send(server, "POST", "/api/videos", "{\"id\": \"o1\", \"name\": \"x\"}"))
          .isEqualTo(201);
      assertThat(send(server, "PUT", "/api/videos/o1", "{\"name\": \"y\"}")).isEqualTo(200);
      assertThat(send(server, "DELETE", "/api/videos/o1", null)).isEqualTo(204);

      Await.until(
          Duration.ofSeconds(15),
          "both notices given up",
          () ->
              metrics(server)
                      .lines()
                      .filter(
                          l ->
                              l.startsWith("metadata_invalidations_total{")
                                  && l.contains("outcome=\"failed\""))
                      .count()
                  == 2);
    }
  }

  private String metrics(MetadataServer server) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int send(MetadataServer server, String method, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
