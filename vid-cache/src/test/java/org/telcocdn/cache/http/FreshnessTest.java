package org.telcocdn.cache.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.http.HttpEdge.text;
import static org.telcocdn.cache.http.HttpEdge.xCache;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.FakeHttpOrigin.Reply;

/**
 * RFC 9111 §4.2: how long a response from an HTTP origin is served without asking the origin again,
 * against a real origin on port 0. Each test asks twice and counts the origin's requests.
 */
class FreshnessTest {
  @TempDir Path cacheDir;
  private HttpEdge http;

  @AfterEach
  void stop() {
    if (http != null) http.close();
  }

  private void origin(String... headers) {
    http = HttpEdge.start(cacheDir, request -> Reply.ok("body of " + request.path(), headers));
  }

  @Test
  void maxAge_secondRequestIsAHitWithAge() {
    origin("Cache-Control", "max-age=600", "Age", "100");

    HttpResponse<byte[]> miss = http.get("/a");
    HttpResponse<byte[]> hit = http.get("/a");

    assertThat(xCache(miss)).isEqualTo("MISS");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(text(hit)).isEqualTo("body of /a");
    assertThat(http.originRequests("/a")).isEqualTo(1);
    // RFC 9111 §4.2.3: the origin's Age counts, and the edge's own time is added to it
    assertThat(hit.headers().firstValue("Age").map(Long::parseLong))
        .hasValueSatisfying(age -> assertThat(age).isBetween(100L, 110L));
    assertThat(hit.headers().firstValue("Via"))
        .hasValueSatisfying(via -> assertThat(via).contains("edge-test"));
  }

  @Test
  void ageAtLeastMaxAge_isStaleOnArrival() {
    origin("Cache-Control", "max-age=60", "Age", "60");

    http.get("/a");
    HttpResponse<byte[]> second = http.get("/a");

    assertThat(xCache(second)).isEqualTo("MISS");
    assertThat(http.originRequests("/a")).isEqualTo(2);
  }

  @Test
  void sMaxage_winsOverMaxAgeInASharedCache() {
    origin("Cache-Control", "max-age=0, s-maxage=600");

    http.get("/a");
    assertThat(xCache(http.get("/a"))).isEqualTo("HIT");
    assertThat(http.originRequests("/a")).isEqualTo(1);
  }

  @Test
  void maxAgeZero_goesBackToTheOrigin() {
    origin("Cache-Control", "max-age=0");

    http.get("/a");
    http.get("/a");

    assertThat(http.originRequests("/a")).isEqualTo(2);
  }

  @Test
  void expiresInTheFuture_isFresh() {
    long now = System.currentTimeMillis();
    origin("Date", HttpTime.format(now), "Expires", HttpTime.format(now + 600_000));

    http.get("/a");
    assertThat(xCache(http.get("/a"))).isEqualTo("HIT");
    assertThat(http.originRequests("/a")).isEqualTo(1);
  }

  @Test
  void expiresInThePastOrInvalid_isStale() {
    long now = System.currentTimeMillis();
    http =
        HttpEdge.start(
            cacheDir,
            request ->
                Reply.ok(
                    "x",
                    "Date",
                    HttpTime.format(now),
                    "Expires",
                    request.path().equals("/past") ? HttpTime.format(now - 60_000) : "0"));

    for (String path : new String[] {"/past", "/invalid"}) {
      http.get(path);
      http.get(path);
      assertThat(http.originRequests(path)).as(path).isEqualTo(2);
    }
  }

  @Test
  void maxAgeWinsOverExpires() {
    long now = System.currentTimeMillis();
    origin(
        "Cache-Control",
        "max-age=600",
        "Date",
        HttpTime.format(now),
        "Expires",
        HttpTime.format(now - 60_000));

    http.get("/a");
    assertThat(xCache(http.get("/a"))).isEqualTo("HIT");
  }

  @Test
  void heuristic_lastModifiedLongAgo_isFreshForAFraction() {
    long now = System.currentTimeMillis();
    origin("Date", HttpTime.format(now), "Last-Modified", HttpTime.format(now - 10 * 86_400_000L));

    http.get("/a");
    assertThat(xCache(http.get("/a"))).isEqualTo("HIT");
    assertThat(http.originRequests("/a")).isEqualTo(1);
  }

  @Test
  void noFreshnessAndNoValidator_isNotStored() {
    origin();

    http.get("/a");
    http.get("/a");

    assertThat(http.originRequests("/a")).isEqualTo(2);
  }

  @Test
  void invalidMaxAge_isTreatedAsStale() {
    origin("Cache-Control", "max-age=abc");

    http.get("/a");
    http.get("/a");

    assertThat(http.originRequests("/a")).isEqualTo(2);
  }

  @Test
  void cdnCacheControl_winsOverCacheControl() {
    // RFC 9213: the origin lets CDNs keep it for a minute while browsers must not store it
    origin("CDN-Cache-Control", "max-age=600", "Cache-Control", "no-store");

    http.get("/a");
    HttpResponse<byte[]> hit = http.get("/a");

    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.headers().firstValue("Cache-Control"))
        .contains("no-store"); // passed on for the browser
    assertThat(http.originRequests("/a")).isEqualTo(1);
  }
}
