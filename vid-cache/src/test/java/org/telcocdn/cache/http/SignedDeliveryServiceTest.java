package org.telcocdn.cache.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.FakeHttpOrigin;
import org.telcocdn.testkit.FakeHttpOrigin.Reply;
import org.telcocdn.urisigning.UriContainer;
import org.telcocdn.urisigning.ViewerKeyFiles;
import org.telcocdn.urisigning.ViewerTokenSigner;

/**
 * Delivery services with {@code signed: true} (docs/http-origins.md): an edge on port 0 with the
 * production wiring and viewer keys made as `cdn up` makes them, fronting a real HTTP origin on
 * port 0 through a signed service ({@code /shop/}) and an unsigned one ({@code /open/}).
 */
class SignedDeliveryServiceTest {
  @TempDir Path dir;
  private ViewerKeyFiles keys;
  private ViewerTokenSigner signer;
  private FakeHttpOrigin origin;
  private EdgeServer edge;

  @BeforeEach
  void start() {
    keys = new ViewerKeyFiles(dir.resolve("secrets"), Clock.systemUTC());
    keys.ensure();
    signer = keys.signer();
    origin =
        FakeHttpOrigin.start(r -> Reply.ok("body of " + r.target(), "Cache-Control", "max-age=60"));
    edge = edge(Map.of("security.url-signing.public-keys", keys.publicFile().toString()));
  }

  @AfterEach
  void stop() {
    if (edge != null) edge.close();
    origin.close();
  }

  @Test
  void signedService_withoutAToken_is403JsonAndTheOriginIsNotAsked() {
    HttpResponse<byte[]> r = get("/shop/app.js");

    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode body = Json.read(r.body(), JsonNode.class);
    assertThat(body.path("error").asText()).isEqualTo("forbidden");
    assertThat(body.path("message").asText()).contains("URISigningPackage");
    assertThat(origin.requests()).isEmpty();
  }

  @Test
  void signedService_servesAValidToken_andTwoTokensShareOneCachedCopyTheOriginNeverSees() {
    String first = token("/shop/", Instant.now(), Duration.ofMinutes(10));
    String second = token("/shop/", Instant.now().minusSeconds(5), Duration.ofMinutes(30));

    HttpResponse<byte[]> miss = get("/shop/app.js?URISigningPackage=" + first);
    HttpResponse<byte[]> hit = get("/shop;URISigningPackage=" + second + "/app.js");

    assertThat(miss.statusCode()).isEqualTo(200);
    assertThat(HttpEdge.text(miss)).isEqualTo("body of /shop/app.js");
    assertThat(HttpEdge.xCache(miss)).isEqualTo("MISS");
    assertThat(hit.statusCode()).isEqualTo(200);
    assertThat(HttpEdge.xCache(hit)).as("the token is not part of the cache key").isEqualTo("HIT");
    assertThat(origin.requests(("/shop/app.js"))).hasSize(1);
    assertThat(origin.requests())
        .extracting(FakeHttpOrigin.Request::target)
        .noneMatch(target -> target.contains("URISigningPackage"));
  }

  @Test
  void signedService_refusesATokenForAnotherPathAnExpiredOneAndATamperedOne() {
    String otherPath = token("/open/", Instant.now(), Duration.ofMinutes(10));
    String expired = token("/shop/", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    String valid = token("/shop/", Instant.now(), Duration.ofMinutes(10));
    String tampered =
        valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");

    assertRefused("/shop/app.js?URISigningPackage=" + otherPath, "does not cover this URL");
    assertRefused("/shop/app.js?URISigningPackage=" + expired, "expired");
    assertRefused("/shop/app.js?URISigningPackage=" + tampered, "signature");
    assertThat(
            EdgeFixture.viewerSend(edge, "HEAD", "/shop/app.js?URISigningPackage=" + expired)
                .statusCode())
        .isEqualTo(403);
    assertThat(origin.requests()).isEmpty();
    assertThat(EdgeFixture.metrics(edge).registry().scrape())
        .containsPattern("edge_url_signing_checks_total\\{[^}]*verdict=\"OUTSIDE_SCOPE\"} [1-9]")
        .containsPattern("edge_url_signing_checks_total\\{[^}]*verdict=\"EXPIRED\"} [1-9]");
  }

  @Test
  void unsignedService_isServedWithoutAToken_andPassesItsUriAsSent() {
    HttpResponse<byte[]> plain = get("/open/page.html");
    HttpResponse<byte[]> withParameter = get("/open/page.html?URISigningPackage=abc.def.ghi");

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(HttpEdge.text(plain)).isEqualTo("body of /open/page.html");
    assertThat(withParameter.statusCode()).isEqualTo(200);
    assertThat(HttpEdge.text(withParameter))
        .as("an unsigned service's URL is the origin's, token-like parameters included")
        .isEqualTo("body of /open/page.html?URISigningPackage=abc.def.ghi");
  }

  @Test
  void anEdgeWithASignedServiceButNoKeys_refusesToStart() {
    edge.close();
    edge = null;

    assertThatThrownBy(() -> edge(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delivery service shop is signed")
        .hasMessageContaining("security.url-signing.public-keys");
  }

  private EdgeServer edge(Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    settings.put(
        "edge.delivery-services",
        Json.string(
            List.of(
                new DeliveryService("shop", List.of(), "/shop/", origin.url(), null, true),
                new DeliveryService("open", List.of(), "/open/", origin.url(), null, false))));
    return EdgeFixture.edge("127.0.0.1:1", dir.resolve("cache"), settings);
  }

  private String token(String pathPrefix, Instant issued, Duration ttl) {
    return signer.signCovering(UriContainer.forPathPrefix(pathPrefix), issued, ttl);
  }

  private HttpResponse<byte[]> get(String path) {
    return EdgeFixture.viewerSend(edge, "GET", path);
  }

  private void assertRefused(String path, String reason) {
    HttpResponse<byte[]> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(403);
    JsonNode body = Json.read(r.body(), JsonNode.class);
    assertThat(body.path("error").asText()).isEqualTo("forbidden");
    assertThat(body.path("message").asText()).contains(reason);
  }
}
