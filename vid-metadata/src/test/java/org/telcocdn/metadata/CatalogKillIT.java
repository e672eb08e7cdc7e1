package org.telcocdn.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.ChildJvm;

/**
 * An acknowledged catalog write survives {@code kill -9}: vid-metadata runs as its own process on H2
 * (the default database), is sent writes, and is killed with SIGKILL the moment the last one is
 * answered; the database it left is then opened again and must hold every write that was answered.
 */
class CatalogKillIT {
  private static final Duration READY = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  @Test
  void everyAnsweredWrite_isThereAfterSigkill() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("videos");
    List<String> created = new ArrayList<>();
    String renamed;
    try (ChildJvm catalog = ChildJvm.start(MetadataMain.class.getName(), Map.of("metadata.port", "0", "metadata.db.url", db,
        "metadata.broker-url", "http://127.0.0.1:9"), dir.resolve("metadata.log"), READY)) {
      for (int i = 0; i < 3; i++) created.add(create(catalog.url(), "Kill test " + i));
      renamed = created.getFirst();
      HttpResponse<String> updated = send(catalog.url(), "PUT", "/api/videos/" + renamed,
          "{\"name\": \"Renamed before the kill\", \"tags\": [\"kill\"]}");
      assertThat(updated.statusCode()).isEqualTo(200);
      String last = create(catalog.url(), "Answered just before the kill");
      created.add(last);

      catalog.kill9();
    }

    try (MetadataServer reopened = MetadataServer.start(new MetadataConfig("127.0.0.1", 0, db, "sa", "", "http://127.0.0.1:9", 4096))) {
      for (String id : created) {
        assertThat(send(reopened.url(), "GET", "/api/videos/" + id, null).statusCode()).as(id).isEqualTo(200);
      }
      JsonNode first = Json.MAPPER.readTree(send(reopened.url(), "GET", "/api/videos/" + renamed, null).body());
      assertThat(first.path("name").asText()).isEqualTo("Renamed before the kill");
    }
  }

  private String create(String base, String name) throws Exception {
    HttpResponse<String> response = send(base, "POST", "/api/videos", "{\"name\": \"" + name + "\", \"tags\": [\"kill\"]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Json.MAPPER.readTree(response.body()).path("id").asText();
  }

  private HttpResponse<String> send(String base, String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
