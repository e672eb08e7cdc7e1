package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.TlsMaterial;
import org.telcocdn.testkit.Await;

/**
 * {@code cdn up --viewer-https}: the demo viewer certificate is made under {@code
 * dataDir/secrets/viewer-tls}, every viewer URL {@code cdn ps} lists is {@code https://}, and the
 * broker's {@code /play} sends a player to an edge's HTTPS URL that curl fetches trusting only that
 * CA (and refuses without it).
 */
class ViewerHttpsIT {
  @TempDir Path dir;

  @Test
  void upWithViewerHttps_redirectsPlayersToAnHttpsEdgeThatCurlTrustsWithTheDemoCa()
      throws Exception {
    try (CdnProcesses cdn = new CdnProcesses(dir, 0, "site-a").up("--viewer-https")) {
      Path viewerTls = cdn.dataDir().resolve("secrets").resolve("viewer-tls");
      Path ca = viewerTls.resolve("ca.pem");
      assertThat(Files.getPosixFilePermissions(viewerTls.resolve("viewer.key")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(Files.getPosixFilePermissions(viewerTls.resolve("ca.key")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      Map<String, JsonNode> ps = cdn.ps();
      for (String viewerFacing : List.of("vid-metadata", "broker", "edge-1", "client")) {
        assertThat(ps.get(viewerFacing).get("url").asText())
            .as(viewerFacing)
            .startsWith("https://127.0.0.1:");
        assertThat(ps.get(viewerFacing).get("healthy").asBoolean()).as(viewerFacing).isTrue();
      }

      String broker = ps.get("broker").get("url").asText();
      HttpClient viewer =
          HttpClient.newBuilder()
              .sslContext(TlsMaterial.trustOnly(ca))
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      // The player page's links: what its scripts call from the browser.
      JsonNode page =
          Json.MAPPER.readTree(
              viewer
                  .send(
                      HttpRequest.newBuilder(
                              URI.create(ps.get("client").get("url").asText() + "/config.json"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      assertThat(page.path("brokerUrl").asText()).isEqualTo(broker);
      assertThat(page.path("metadataUrl").asText())
          .isEqualTo(ps.get("vid-metadata").get("url").asText());
      String[] location = new String[1];
      // The edge registers with the broker shortly after it is healthy.
      Await.until(
          Duration.ofSeconds(60),
          "the broker to redirect /play to an edge",
          () -> {
            HttpResponse<Void> play = send(viewer, broker + "/play/demo-title");
            location[0] = play.headers().firstValue("Location").orElse(null);
            return play.statusCode() == 302 && location[0] != null;
          });
      assertThat(location[0]).startsWith(ps.get("edge-1").get("url").asText() + "/videos/");

      Curl trusted = curl("--cacert", ca.toString(), location[0]);
      System.out.println("ViewerHttpsIT: " + location[0] + " -> " + trusted.output().strip());
      assertThat(trusted.exit()).as(trusted.output()).isZero();
      // No such title at the origin: whatever the edge answers, it came over verified TLS.
      assertThat(trusted.output()).containsPattern("HTTP [2-5]\\d\\d");
      Curl untrusted = curl(location[0]);
      assertThat(untrusted.exit()).as("curl without the demo CA").isEqualTo(60);

      // The broker probes the edge's HTTPS viewer listener every second and takes it DOWN after 3
      // misses (broker.probe-*): past that, the edge must still be the redirect target.
      Thread.sleep(Duration.ofSeconds(5));
      HttpResponse<Void> again = send(viewer, broker + "/play/demo-title");
      assertThat(again.statusCode())
          .as("the broker still sends players to the edge")
          .isEqualTo(302);
    }
  }

  private static HttpResponse<Void> send(HttpClient client, String url) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IllegalStateException(url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Curl(int exit, String output) {}

  /** curl, its status line appended to the body; 60 is curl's "peer certificate not trusted". */
  private static Curl curl(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("curl", "-sS", "--max-time", "20", "-w", "\nHTTP %{http_code}\n"));
    command.addAll(List.of(args));
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = curl.getInputStream().readAllBytes();
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Curl(curl.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
