package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;
import org.telcocdn.urisigning.SigningKeys;
import org.telcocdn.urisigning.ViewerKeyFiles;
import org.telcocdn.urisigning.ViewerTokenSigner;

/**
 * An edge that verifies signed URLs (RFC 9246), with real keys made as `cdn up` makes them and
 * tokens signed as the broker signs them; the origin is a fake that counts its fetches.
 */
class SignedUrlTest {
  private static final String TITLE = "3f9a0c1b2d4e";
  private static final String SEGMENT_PATH = "720p/seg_00001.m4s";
  private static final byte[] SEGMENT = random(200_000, 7);

  @TempDir Path dir;
  private ViewerKeyFiles keys;
  private FakeOrigin origin;
  private EdgeServer edge;

  @BeforeEach
  void start() {
    keys = new ViewerKeyFiles(dir.resolve("secrets"), Clock.systemUTC());
    keys.ensure();
    origin =
        new FakeOrigin()
            .put(TITLE, SEGMENT_PATH, SEGMENT)
            .put("0000aaaa1111", SEGMENT_PATH, SEGMENT);
    edge =
        EdgeFixture.edge(
            origin.target(),
            dir.resolve("cache"),
            Map.of(
                "security.url-signing.public-keys",
                keys.publicFile().toString(),
                "security.url-signing.reload-interval",
                "1s"));
  }

  @AfterEach
  void stop() {
    edge.close();
    origin.close();
  }

  @Test
  void aValidTokenInTheIdsSegmentIsServed() {
    HttpResponse<byte[]> r =
        get(edge, signed(TITLE, token(TITLE, Instant.now(), Duration.ofMinutes(10)), SEGMENT_PATH));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(SEGMENT);
  }

  @Test
  void twoViewersWithDifferentTokensShareOneCachedCopyAndOneOriginFetch() {
    String first = token(TITLE, Instant.now(), Duration.ofMinutes(10));
    String second = token(TITLE, Instant.now().minusSeconds(5), Duration.ofMinutes(30));
    assertThat(second).isNotEqualTo(first);

    HttpResponse<byte[]> miss = get(edge, signed(TITLE, first, SEGMENT_PATH));
    HttpResponse<byte[]> hit = get(edge, signed(TITLE, second, SEGMENT_PATH));
    HttpResponse<byte[]> query =
        get(edge, "/videos/" + TITLE + "/" + SEGMENT_PATH + "?URISigningPackage=" + second);

    assertThat(miss.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(query.headers().firstValue("X-Cache"))
        .as("the form-style parameter, same object")
        .contains("HIT");
    assertThat(hit.body()).isEqualTo(SEGMENT);
    assertThat(origin.fetches(TITLE, SEGMENT_PATH)).isEqualTo(1);
  }

  @Test
  void expiredWrongTitleUnsignedAndTamperedAre403WithTheReasonAndNoOriginFetch() throws Exception {
    String expired = token(TITLE, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    String otherTitle = token("0000aaaa1111", Instant.now(), Duration.ofMinutes(10));
    String valid = token(TITLE, Instant.now(), Duration.ofMinutes(10));
    String tampered =
        valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");

    assertRefused(signed(TITLE, expired, SEGMENT_PATH), "expired");
    assertRefused(signed(TITLE, otherTitle, SEGMENT_PATH), "another title");
    assertRefused("/videos/" + TITLE + "/" + SEGMENT_PATH, "no URISigningPackage");
    assertRefused(signed(TITLE, tampered, SEGMENT_PATH), "signature");
    assertRefused(signed(TITLE, "garbage", SEGMENT_PATH), "not a valid ES256 JWT");
    assertThat(origin.fetches(TITLE, SEGMENT_PATH)).isZero();
    assertThat(EdgeFixture.send(edge, "HEAD", signed(TITLE, expired, SEGMENT_PATH)).statusCode())
        .isEqualTo(403);
    assertThat(EdgeFixture.metrics(edge).registry().scrape())
        .containsPattern("edge_url_signing_checks_total\\{[^}]*verdict=\"EXPIRED\"} [1-9]");
  }

  @Test
  void aTokenOfAKeyTheEdgeNeverHadIsRefused() throws Exception {
    ViewerKeyFiles elsewhere = new ViewerKeyFiles(dir.resolve("other"), Clock.systemUTC());
    elsewhere.ensure();
    String stranger =
        new ViewerTokenSigner(SigningKeys.parse(read(elsewhere.signingFile())))
            .sign(TITLE, Instant.now(), Duration.ofMinutes(10));

    assertRefused(signed(TITLE, stranger, SEGMENT_PATH), "unknown or has been retired");
  }

  @Test
  void afterARotationBothKeysAreAcceptedAndARetiredKeyIsRefusedWithoutARestart() {
    String old = token(TITLE, Instant.now(), Duration.ofHours(1));
    String oldKid = keys.list().getFirst().kid();
    assertThat(get(edge, signed(TITLE, old, SEGMENT_PATH)).statusCode()).isEqualTo(200);

    keys.rotate(Duration.ZERO);
    String fresh = token(TITLE, Instant.now(), Duration.ofHours(1));
    Await.until(
        Duration.ofSeconds(10),
        "the edge accepts the new key",
        () -> get(edge, signed(TITLE, fresh, SEGMENT_PATH)).statusCode() == 200);
    assertThat(get(edge, signed(TITLE, old, SEGMENT_PATH)).statusCode())
        .as("the old key stays valid")
        .isEqualTo(200);

    keys.retire(oldKid);
    Await.until(
        Duration.ofSeconds(10),
        "the edge refuses the retired key",
        () -> get(edge, signed(TITLE, old, SEGMENT_PATH)).statusCode() == 403);
    assertThat(get(edge, signed(TITLE, fresh, SEGMENT_PATH)).statusCode()).isEqualTo(200);
  }

  private void assertRefused(String path, String reason) throws Exception {
    HttpResponse<byte[]> r = get(edge, path);
    assertThat(r.statusCode()).as(path).isEqualTo(403);
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.path("error").asText()).isEqualTo("forbidden");
    assertThat(body.path("message").asText()).contains(reason);
  }

  /** Signed as the broker signs: with the key signing now. */
  private String token(String title, Instant issued, Duration ttl) {
    return new ViewerTokenSigner(SigningKeys.parse(read(keys.signingFile())))
        .sign(title, issued, ttl);
  }

  private static String signed(String title, String token, String path) {
    return "/videos/" + title + ";URISigningPackage=" + token + "/" + path;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
