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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.ChildJvm;
import org.telcocdn.testkit.FreePorts;
import org.telcocdn.testkit.TestCredentials;

/**
 * An acknowledged catalog write survives {@code kill -9}: vid-metadata runs as its own process on
 * H2 (the default database), is sent writes, and is killed with SIGKILL the moment the last one is
 * answered; the database it left is then opened again and must hold every write that was answered.
 * Writes go to its control listener as an operator (real credentials), reads to its viewer
 * listener.
 */
class CatalogKillIT {
  private static final Duration READY = Duration.ofSeconds(60);
  private static final TestCredentials CREDS = TestMetadata.CREDS;
  private final HttpClient http = TestCredentials.http(CREDS.operatorTls());

  @TempDir Path dir;

  @Test
  void everyAnsweredWrite_isThereAfterSigkill() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("videos");
    List<String> created = new ArrayList<>();
    String renamed;
    int controlPort = FreePorts.one();
    Map<String, String> settings =
        new HashMap<>(CREDS.settings(ServiceRoles.METADATA, "vid-metadata"));
    settings.putAll(
        Map.of(
            "metadata.port",
            "0",
            "metadata.control-port",
            Integer.toString(controlPort),
            "metadata.db.url",
            db,
            "metadata.broker-url",
            "http://127.0.0.1:9",
            "metadata.broker-control-url",
            "https://127.0.0.1:9"));
    String control = "https://127.0.0.1:" + controlPort;
    try (ChildJvm catalog =
        ChildJvm.start(
            MetadataMain.class.getName(), settings, dir.resolve("metadata.log"), READY)) {
      for (int i = 0; i < 3; i++) created.add(create(control, "Kill test " + i));
      renamed = created.getFirst();
      HttpResponse<String> updated =
          send(
              control,
              "PUT",
              "/api/videos/" + renamed,
              "{\"name\": \"Renamed before the kill\", \"tags\": [\"kill\"]}");
      assertThat(updated.statusCode()).isEqualTo(200);
      String last = create(control, "Answered just before the kill");
      created.add(last);

      catalog.kill9();
    }

    try (MetadataServer reopened =
        MetadataServer.start(TestMetadata.config(db, "http://127.0.0.1:9", Map.of()))) {
      for (String id : created) {
        assertThat(TestMetadata.send(reopened, "GET", "/api/videos/" + id, null).statusCode())
            .as(id)
            .isEqualTo(200);
      }
      JsonNode first =
          Json.MAPPER.readTree(
              TestMetadata.send(reopened, "GET", "/api/videos/" + renamed, null).body());
      assertThat(first.path("name").asText()).isEqualTo("Renamed before the kill");
    }
  }

  private String create(String base, String name) throws Exception {
    HttpResponse<String> response =
        send(base, "POST", "/api/videos", "{\"name\": \"" + name + "\", \"tags\": [\"kill\"]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Json.MAPPER.readTree(response.body()).path("id").asText();
  }

  private HttpResponse<String> send(String base, String method, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + CREDS.token(OperatorRole.OPERATOR))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
