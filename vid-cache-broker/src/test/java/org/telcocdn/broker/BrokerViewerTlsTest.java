package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.TestCredentials;

/**
 * The broker's viewer listener over HTTPS ({@code security.viewer-tls.*}): players reach {@code
 * /play} and {@code /health} with the viewer certificate's trust and are sent to an edge's HTTPS
 * URL; plain HTTP on that port gets no answer; the control listener is unchanged.
 */
class BrokerViewerTlsTest {
  private static final TestCredentials CREDS = TestBroker.CREDS;

  private final BrokerServer broker =
      BrokerServer.start(TestBroker.config(CREDS.viewerTlsSettings()));
  private final TestBroker calls = new TestBroker(broker);
  private final HttpClient player =
      HttpClient.newBuilder()
          .sslContext(CREDS.viewerTrust())
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  void playersAreServedOverHttps_andSentToAnEdgesHttpsUrl() throws Exception {
    assertThat(calls.register("edge-1", "https://127.0.0.1:9443", "site-a").statusCode())
        .isEqualTo(200);

    HttpResponse<String> health = send(broker.url() + "/health");
    HttpResponse<String> play = send(broker.url() + "/play/abc123");

    assertThat(broker.url()).startsWith("https://");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(play.statusCode()).isEqualTo(302);
    assertThat(play.headers().firstValue("Location").orElseThrow())
        .startsWith("https://127.0.0.1:9443/videos/abc123/");
    assertThat(calls.admin("GET", "/api/edges", null).statusCode())
        .as("the control listener, as before")
        .isEqualTo(200);
  }

  @Test
  void plainHttpOnTheHttpsPort_getsNoAnswer() {
    String plain = broker.url().replace("https://", "http://") + "/health";

    Throwable refused =
        catchThrowable(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(plain))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()));

    assertThat(refused).isInstanceOf(IOException.class);
  }

  private HttpResponse<String> send(String url) throws Exception {
    return player.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
