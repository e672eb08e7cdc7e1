package org.telcocdn.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
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
            TestMetadata.config(
                "jdbc:h2:file:" + dir.resolve("videos"), goneBroker, java.util.Map.of()))) {
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
      return TestMetadata.send(server, "GET", "/metrics", null).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int send(MetadataServer server, String method, String path, String body)
      throws Exception {
    return TestMetadata.send(server, method, path, body).statusCode();
  }
}
