package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestClock;
import org.telcocdn.urisigning.TokenVerdict;
import org.telcocdn.urisigning.VerificationKeys;
import org.telcocdn.urisigning.ViewerKeyFiles;
import org.telcocdn.urisigning.ViewerTokenVerifier;

/**
 * The broker with a real key set, as `cdn up` runs it: every edge URL it hands out carries a token
 * the edges accept.
 */
class SignedUrlsTest {
  private static final Pattern TOKEN =
      Pattern.compile("/videos/abc123;URISigningPackage=([A-Za-z0-9_.-]+)/");
  @TempDir Path dir;
  private final TestClock clock = TestClock.manual();
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private ViewerKeyFiles keys;
  private BrokerServer broker;

  @BeforeEach
  void start() throws Exception {
    keys = new ViewerKeyFiles(dir, clock);
    keys.ensure();
    broker =
        BrokerServer.start(
            TestBroker.config(
                Map.of(
                    "broker.probe-interval",
                    "0s",
                    "security.url-signing.private-keys",
                    keys.signingFile().toString(),
                    "security.url-signing.ttl",
                    "10m",
                    "security.url-signing.redirect-ttl",
                    "4h",
                    "security.url-signing.reload-interval",
                    "1s")),
            clock);
    for (int i = 1; i <= 3; i++) register("e" + i, "http://127.0.0.1:" + i);
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  void playRedirectsAndItsAlternatesCarryOneTokenForTheTitleThatTheEdgesAccept() throws Exception {
    HttpResponse<String> play = get("/play/abc123/720p/seg_00001.m4s");
    String location = play.headers().firstValue("Location").orElseThrow();
    List<String> alternates =
        Arrays.asList(play.headers().firstValue("X-Alternate-Edges").orElseThrow().split(", "));

    assertThat(location)
        .matches(
            "http://127\\.0\\.0\\.1:\\d/videos/abc123;URISigningPackage=[A-Za-z0-9_.-]+/720p/seg_00001\\.m4s");
    String token = token(location);
    assertThat(alternates).hasSize(2).allSatisfy(a -> assertThat(token(a)).isEqualTo(token));
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getExpirationTime().toInstant())
        .isEqualTo(clock.instant().plus(Duration.ofHours(4)));
    assertThat(claims.getClaim("cdniuc")).isEqualTo("regex:^https?://[^/?#@]+/videos/abc123/.*$");
    assertThat(claims.getClaim("cdniv")).isEqualTo(1L);
    assertThat(claims.getClaim("cdniip")).as("no client address bound").isNull();

    ViewerTokenVerifier edge =
        new ViewerTokenVerifier(
            VerificationKeys.parse(Files.readString(keys.publicFile())), 100, clock);
    assertThat(edge.check(token, location.replace(";URISigningPackage=" + token, "")))
        .isEqualTo(TokenVerdict.VALID);
  }

  @Test
  void theRouteApiSignsWithTheShortLifetimeForPlayersThatRenew() throws Exception {
    JsonNode route = Json.MAPPER.readTree(get("/api/route/abc123?sid=s1").body());

    String master = route.path("edge").path("masterUrl").asText();
    assertThat(master).endsWith("/master.m3u8");
    assertThat(route.path("alternates").findValuesAsText("masterUrl"))
        .allSatisfy(u -> assertThat(token(u)).isEqualTo(token(master)));
    assertThat(SignedJWT.parse(token(master)).getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void aRotationReachesTheNextRedirectWithoutARestart() throws Exception {
    String before = redirectKid();

    String next = keys.rotate(Duration.ZERO).kid();

    Await.until(
        Duration.ofSeconds(20),
        "the broker signs with the rotated key",
        () -> next.equals(redirectKid()));
    assertThat(next).isNotEqualTo(before);
  }

  private String redirectKid() {
    try {
      return SignedJWT.parse(
              token(get("/play/abc123").headers().firstValue("Location").orElseThrow()))
          .getHeader()
          .getKeyID();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String token(String url) {
    Matcher m = TOKEN.matcher(url);
    assertThat(m.find()).as("a token in %s", url).isTrue();
    return m.group(1);
  }

  /** As the edge itself, with its certificate, on the control listener. */
  private void register(String name, String url) {
    assertThat(new TestBroker(broker).register(name, url, "site-a").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(broker.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
