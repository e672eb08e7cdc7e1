package org.telcocdn.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.Await;

/**
 * The service on PostgreSQL (a jdbc:postgresql: URL), and /health going DOWN when the database
 * stops.
 */
class PostgresServerIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesFromPostgres_andHealthFollowsTheDatabase() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    try (RecordingBroker broker = new RecordingBroker();
        MetadataServer server =
            MetadataServer.start(
                new MetadataConfig(
                    "127.0.0.1",
                    0,
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    "",
                    broker.url(),
                    4096))) {
      assertThat(
              send(
                      server,
                      "POST",
                      "/api/videos",
                      "{\"id\": \"pg1\", \"name\": \"On Postgres\", \"tags\": [\"pg\"]}")
                  .statusCode())
          .isEqualTo(201);
      assertThat(send(server, "GET", "/api/videos?q=postgres&tag=pg", null).body())
          .contains("\"total\":1");
      assertThat(send(server, "GET", "/health", null).statusCode()).isEqualTo(200);

      postgres.close();

      Await.until(
          Duration.ofSeconds(15),
          "/health DOWN",
          () -> {
            HttpResponse<String> health = send(server, "GET", "/health", null);
            return health.statusCode() == 503 && health.body().contains("\"DOWN\"");
          });
    } finally {
      postgres.close();
    }
  }

  private HttpResponse<String> send(
      MetadataServer server, String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
