package org.telcocdn.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.allocation.AllocationSettings;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.controller.trigger.TriggerSettings;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelCodec;
import org.telcocdn.predict.model.ModelUpdate;
import org.telcocdn.predict.model.SpikeModel;
import org.telcocdn.predict.signal.Feature;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * The federated rounds' routes on a real controller (port 0, mutual TLS): an edge's update is taken
 * and answered with the global model; what is not an update is a JSON 400, over 64 KB a 413,
 * another edge's name a 403; operators cannot send updates.
 */
class ModelApiTest {
  private static final TestCredentials CREDS = TestCredentials.shared();
  private static final int WEIGHTS = SpikeModel.sharedSize(Feature.COUNT, 16);
  private final HttpClient edge1 =
      TestCredentials.http(
          CREDS.service(new ServiceIdentity(ServiceRoles.EDGE, "site-a", "edge-1")));
  private final HttpClient operator = TestCredentials.http(CREDS.operatorTls());
  private ControllerServer controller;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    controller =
        ControllerServer.start(
            new ControllerConfig(
                    "127.0.0.1",
                    0,
                    "https://127.0.0.1:9", // no broker: allocation rounds and alarm polls fail,
                    // logged
                    "https://127.0.0.1:9",
                    "http://127.0.0.1:9",
                    Duration.ofHours(1),
                    Duration.ofMinutes(5),
                    100,
                    0.5,
                    new AllocationSettings(0.35, 15),
                    0.5,
                    2,
                    1L << 30,
                    List.of(),
                    null,
                    Duration.ofSeconds(1),
                    SecurityConfig.from(
                        Settings.of(CREDS.settings(ServiceRoles.CONTROLLER, "controller"))))
                .withTriggers(TriggerSettings.at(dir.resolve("triggers"))));
  }

  @AfterEach
  void stop() {
    controller.close();
  }

  private HttpResponse<byte[]> post(HttpClient client, byte[] body, String bearer)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(controller.url() + "/api/predict/updates"))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(controller.url() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String error(HttpResponse<byte[]> r) throws Exception {
    return Json.MAPPER.readTree(r.body()).path("error").asText();
  }

  @Test
  void anEdgeSendsItsUpdateAndGetsTheGlobalModel() throws Exception {
    HttpResponse<byte[]> r =
        post(edge1, ModelCodec.encode(new ModelUpdate("edge-1", 0, 10, new float[WEIGHTS])), null);
    assertThat(r.statusCode()).isEqualTo(200);
    GlobalModel global = ModelCodec.decodeGlobal(r.body());
    assertThat(global.version()).isZero();
    assertThat(global.weights()).hasSize(WEIGHTS);

    assertThat(get(edge1, "/api/predict/model?after=-1").statusCode()).isEqualTo(200);
    assertThat(get(edge1, "/api/predict/model?after=0").statusCode()).isEqualTo(204);
    HttpResponse<byte[]> bad = get(edge1, "/api/predict/model?after=x");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(error(bad)).isNotEmpty();

    HttpResponse<byte[]> status =
        operator.send(
            HttpRequest.newBuilder(URI.create(controller.url() + "/api/predict"))
                .header("Authorization", "Bearer " + CREDS.token(OperatorRole.READONLY))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(status.body()).path("model").path("pending").toString())
        .contains("edge-1");
    assertThat(Json.MAPPER.readTree(status.body()).path("sites").isArray()).isTrue();
  }

  @Test
  void aFloorThatIsNotAProbabilityIsAJson400() throws Exception {
    for (String floor : List.of("x", "1.5", "-0.1", "NaN")) {
      HttpResponse<byte[]> status =
          operator.send(
              HttpRequest.newBuilder(URI.create(controller.url() + "/api/predict?floor=" + floor))
                  .header("Authorization", "Bearer " + CREDS.token(OperatorRole.READONLY))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(status.statusCode()).as(floor).isEqualTo(400);
      assertThat(error(status)).isEqualTo("bad_request");
    }
  }

  @Test
  void badUpdatesGetJsonErrorsAndChangeNothing() throws Exception {
    HttpResponse<byte[]> garbage = post(edge1, "not a model".getBytes(), null);
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(error(garbage)).isNotEmpty();

    HttpResponse<byte[]> huge = post(edge1, new byte[ModelCodec.MAX_BYTES + 1], null);
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(error(huge)).isEqualTo("too_large");

    HttpResponse<byte[]> shape =
        post(edge1, ModelCodec.encode(new ModelUpdate("edge-1", 0, 1, new float[3])), null);
    assertThat(shape.statusCode()).isEqualTo(400);

    float[] nan = new float[WEIGHTS];
    nan[0] = Float.NaN;
    assertThat(
            post(edge1, ModelCodec.encode(new ModelUpdate("edge-1", 0, 1, nan)), null).statusCode())
        .isEqualTo(400);

    HttpResponse<byte[]> other =
        post(edge1, ModelCodec.encode(new ModelUpdate("edge-2", 0, 1, new float[WEIGHTS])), null);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(error(other)).isEqualTo("forbidden");

    HttpResponse<byte[]> byOperator =
        post(
            operator,
            ModelCodec.encode(new ModelUpdate("edge-1", 0, 1, new float[WEIGHTS])),
            CREDS.token(OperatorRole.ADMIN));
    assertThat(byOperator.statusCode()).isEqualTo(403);

    assertThat(get(edge1, "/api/predict/model?after=-1").statusCode()).isEqualTo(200);
  }

  private HttpResponse<byte[]> crossSite(String json) throws Exception {
    return edge1.send(
        HttpRequest.newBuilder(URI.create(controller.url() + "/api/predict/cross-site"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void anEdgeReportsForItsOwnSiteOnly() throws Exception {
    HttpResponse<byte[]> ok = crossSite("{\"site\": \"site-a\", \"rates\": {\"title-a\": 12.5}}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(ok.body()).path("elsewhere").isObject()).isTrue();
    assertThat(crossSite("{\"site\": \"site-b\", \"rates\": {}}").statusCode()).isEqualTo(403);
    assertThat(crossSite("{\"site\": \"site-a\", \"rates\": [1]}").statusCode()).isEqualTo(400);
    HttpResponse<byte[]> bad = crossSite("{\"site\": \"site-a\", \"rates\": {\"Bad Id\": 1}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(error(bad)).isNotEmpty();
    assertThat(crossSite("{\"site\": \"site-a\", \"rates\": {\"t\": -1}}").statusCode())
        .isEqualTo(400);
  }
}
