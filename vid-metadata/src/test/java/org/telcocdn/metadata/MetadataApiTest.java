package org.telcocdn.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;

/** The REST API over real HTTP, on H2 in a temporary directory, with a recording broker. */
class MetadataApiTest {
  private static final String OCEAN =
      """
      {"name": "Ocean test", "tags": ["demo", "sea"], "fileType": "mp4", "durationSeconds": 60.0,
       "renditions": [{"name": "720p", "width": 1280, "height": 720, "bandwidth": 2800000,
                       "codecs": "avc1.64001f,mp4a.40.2"}]}""";

  @TempDir static Path dir;
  private static RecordingBroker broker;
  private static MetadataServer server;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    broker = new RecordingBroker();
    server =
        MetadataServer.start(
            new MetadataConfig(
                "127.0.0.1",
                0,
                "jdbc:h2:file:" + dir.resolve("db/videos"),
                "sa",
                "",
                broker.url(),
                4096));
  }

  @AfterAll
  static void stop() {
    server.close();
    broker.close();
  }

  @Test
  void crudRoundTrip() throws Exception {
    HttpResponse<String> created = send("POST", "/api/videos", OCEAN);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode video = json(created);
    String id = video.get("id").asText();
    assertThat(id).matches("[0-9a-f]{12}");
    assertThat(created.headers().firstValue("Location")).contains("/api/videos/" + id);
    assertThat(video.get("playUrl").asText()).isEqualTo(broker.url() + "/play/" + id);
    assertThat(video.get("posterUrl").asText())
        .isEqualTo(broker.url() + "/play/" + id + "/poster.jpg");
    assertThat(video.get("renditions").get(0).get("bandwidth").asLong()).isEqualTo(2_800_000);

    JsonNode fetched = json(send("GET", "/api/videos/" + id, null));
    assertThat(fetched).isEqualTo(video);

    HttpResponse<String> updated =
        send(
            "PUT",
            "/api/videos/" + id,
            """
        {"name": "Ocean, edited", "tags": ["sea"], "durationSeconds": 61.5}""");
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(json(updated).get("name").asText()).isEqualTo("Ocean, edited");
    assertThat(json(updated).get("renditions")).isEmpty();
    assertThat(json(updated).get("createdAt")).isEqualTo(video.get("createdAt"));

    assertThat(send("DELETE", "/api/videos/" + id, null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "/api/videos/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void updateAndDelete_tellTheBroker() throws Exception {
    String id = "inv-" + System.nanoTime();
    assertThat(
            send("POST", "/api/videos", "{\"id\": \"" + id + "\", \"name\": \"x\"}").statusCode())
        .isEqualTo(201);
    assertThat(send("PUT", "/api/videos/" + id, "{\"name\": \"y\"}").statusCode()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(5), "an 'updated' invalidation", () -> broker.received(id, "updated"));

    assertThat(send("DELETE", "/api/videos/" + id, null).statusCode()).isEqualTo(204);
    Await.until(
        Duration.ofSeconds(5), "a 'deleted' invalidation", () -> broker.received(id, "deleted"));
  }

  @Test
  void search_byNameAndTag_withTotal() throws Exception {
    send(
        "POST",
        "/api/videos",
        "{\"id\": \"s-alpine-1\", \"name\": \"Alpine lake\", \"tags\": [\"lake\", \"alps\"]}");
    send(
        "POST",
        "/api/videos",
        "{\"id\": \"s-alpine-2\", \"name\": \"ALPINE road\", \"tags\": [\"alps\"]}");

    JsonNode byName = json(send("GET", "/api/videos?q=alpine&limit=1", null));
    assertThat(byName.get("total").asLong()).isEqualTo(2);
    assertThat(byName.get("videos")).hasSize(1);
    JsonNode byTags = json(send("GET", "/api/videos?tag=alps&tag=lake", null));
    assertThat(byTags.get("videos"))
        .extracting(v -> v.get("id").asText())
        .containsExactly("s-alpine-1");
  }

  @Test
  void badLimitOrOffset_is400() throws Exception {
    assertError(send("GET", "/api/videos?limit=abc", null), 400, "limit");
    assertError(send("GET", "/api/videos?limit=0", null), 400, "limit");
    assertError(send("GET", "/api/videos?offset=-1", null), 400, "offset");
  }

  @Test
  void unknownId_is404Json() throws Exception {
    assertError(send("GET", "/api/videos/doesnotexist", null), 404, "doesnotexist");
    assertError(send("PUT", "/api/videos/doesnotexist", "{\"name\": \"x\"}"), 404, "doesnotexist");
    assertError(send("DELETE", "/api/videos/doesnotexist", null), 404, "doesnotexist");
  }

  @Test
  void missingOrWrongFields_name400() throws Exception {
    assertError(send("POST", "/api/videos", "{\"tags\": []}"), 400, "name");
    assertError(send("POST", "/api/videos", "{\"name\": \"   \"}"), 400, "name");
    assertError(send("POST", "/api/videos", "{\"name\": 42}"), 400, "name");
    assertError(
        send("POST", "/api/videos", "{\"name\": \"" + "n".repeat(201) + "\"}"), 400, "name");
    assertError(send("POST", "/api/videos", "{\"name\": \"x\", \"tags\": \"demo\"}"), 400, "tags");
    assertError(send("POST", "/api/videos", "{\"name\": \"x\", \"tags\": [1]}"), 400, "tags[0]");
    assertError(
        send("POST", "/api/videos", "{\"name\": \"x\", \"durationSeconds\": -1}"),
        400,
        "durationSeconds");
    assertError(
        send("POST", "/api/videos", "{\"name\": \"x\", \"durationSeconds\": \"long\"}"),
        400,
        "durationSeconds");
    assertError(
        send(
            "POST",
            "/api/videos",
            "{\"name\": \"x\", \"renditions\": [{\"name\": \"720p\", \"width\": 0,"
                + " \"height\": 720, \"bandwidth\": 1}]}"),
        400,
        "renditions[0].width");
    assertError(send("POST", "/api/videos", "{\"name\": \"x\", \"id\": \"Bad/Id\"}"), 400, "id");
    assertError(send("POST", "/api/videos", "[1, 2]"), 400, "object");
  }

  @Test
  void invalidJson_is400() throws Exception {
    assertError(send("POST", "/api/videos", "{\"name\": "), 400, "JSON");
    assertError(send("PUT", "/api/videos/abc", "not json"), 400, "JSON");
  }

  @Test
  void bodyOverTheLimit_is413() throws Exception {
    String big = "{\"name\": \"x\", \"fileType\": \"" + "a".repeat(5000) + "\"}";
    HttpResponse<String> response = send("POST", "/api/videos", big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("error").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void duplicateId_is409() throws Exception {
    assertThat(send("POST", "/api/videos", "{\"id\": \"dup-1\", \"name\": \"x\"}").statusCode())
        .isEqualTo(201);
    assertError(send("POST", "/api/videos", "{\"id\": \"dup-1\", \"name\": \"y\"}"), 409, "dup-1");
  }

  @Test
  void pathTraversal_isRefusedWithJson() throws Exception {
    for (String path :
        new String[] {"/api/videos/..%2f..%2fetc", "/api/videos/%2e%2e", "/api/videos/a%5cb"}) {
      HttpResponse<String> response = send("GET", path, null);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(json(response).has("error")).as(path).isTrue();
    }
    assertError(send("GET", "/api/videos/UPPER", null), 400, "id");
  }

  @Test
  void openApi_describesTheRoutes() throws Exception {
    JsonNode doc = json(send("GET", "/openapi.json", null));
    assertThat(doc.get("openapi").asText()).startsWith("3.1");
    assertThat(doc.get("paths").get("/api/videos").has("get")).isTrue();
    assertThat(doc.get("paths").get("/api/videos").has("post")).isTrue();
    assertThat(doc.get("paths").get("/api/videos/{id}").has("put")).isTrue();
    assertThat(doc.get("paths").get("/api/videos/{id}").has("delete")).isTrue();
  }

  @Test
  void healthAndMetrics() throws Exception {
    HttpResponse<String> health = send("GET", "/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("UP");
    send("POST", "/api/videos", "{\"name\": \"counted\"}");
    assertThat(send("GET", "/metrics", null).body())
        .contains("metadata_video_writes_total{")
        .contains("operation=\"create\"");
  }

  private static void assertError(HttpResponse<String> response, int status, String mentioned)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.has("error")).isTrue();
    assertThat(body.get("message").asText()).contains(mentioned);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.MAPPER.readTree(response.body());
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) request.header("Content-Type", "application/json");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
