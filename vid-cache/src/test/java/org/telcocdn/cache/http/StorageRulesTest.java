package org.telcocdn.cache.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.http.HttpEdge.text;
import static org.telcocdn.cache.http.HttpEdge.xCache;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.metrics.StoreDecision;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.FakeHttpOrigin.Reply;

/**
 * RFC 9111 §3 and §4.1: which responses the edge stores, and which stored response a request may
 * have.
 */
class StorageRulesTest {
  @TempDir Path cacheDir;
  private HttpEdge http;

  @AfterEach
  void stop() {
    if (http != null) http.close();
  }

  private void origin(String... headers) {
    http = HttpEdge.start(cacheDir, request -> Reply.ok("body", headers));
  }

  private void assertNotStored(StoreDecision why) {
    http.get("/a");
    http.get("/a");
    assertThat(http.originRequests("/a")).isEqualTo(2);
    assertThat(http.metrics().decisions(why)).isEqualTo(2.0);
  }

  @Test
  void noStore_isNeverStored() {
    origin("Cache-Control", "max-age=600, no-store");
    assertNotStored(StoreDecision.NO_STORE);
  }

  @Test
  void private_isNotStoredInASharedCache() {
    origin("Cache-Control", "max-age=600, private");
    assertNotStored(StoreDecision.PRIVATE);
  }

  @Test
  void authorizedRequest_isNotStoredWithoutPublic() {
    origin("Cache-Control", "max-age=600");

    http.get("/a", "Authorization", "Bearer x");
    http.get("/a", "Authorization", "Bearer x");

    assertThat(http.originRequests("/a")).isEqualTo(2);
    assertThat(http.metrics().decisions(StoreDecision.AUTHORIZATION)).isEqualTo(2.0);
  }

  @Test
  void authorizedRequest_isStoredWithSMaxage() {
    origin("Cache-Control", "s-maxage=600");

    http.get("/a", "Authorization", "Bearer x");
    assertThat(xCache(http.get("/a", "Authorization", "Bearer x"))).isEqualTo("HIT");
  }

  @Test
  void noCache_isStoredButRevalidatedEveryTime() {
    http =
        HttpEdge.start(
            cacheDir,
            request ->
                "\"v1\"".equals(request.header("If-None-Match"))
                    ? Reply.of(304, "", "ETag", "\"v1\"", "Cache-Control", "max-age=600, no-cache")
                    : Reply.ok("body", "ETag", "\"v1\"", "Cache-Control", "max-age=600, no-cache"));

    http.get("/a");
    var second = http.get("/a");

    assertThat(xCache(second)).isEqualTo("REVALIDATED");
    assertThat(text(second)).isEqualTo("body");
    assertThat(http.origin.requests("/a").get(1).header("If-None-Match")).isEqualTo("\"v1\"");
  }

  @Test
  void vary_keepsOneVariantPerRequestValue() {
    http =
        HttpEdge.start(
            cacheDir,
            request ->
                Reply.ok(
                    "in " + request.header("Accept-Language"),
                    "Cache-Control",
                    "max-age=600",
                    "Vary",
                    "Accept-Language"));

    var frMiss = http.get("/a", "Accept-Language", "fr");
    var deMiss = http.get("/a", "Accept-Language", "de");
    var frHit = http.get("/a", "Accept-Language", "fr");
    var deHit = http.get("/a", "Accept-Language", "de");

    assertThat(xCache(frMiss)).isEqualTo("MISS");
    assertThat(xCache(deMiss)).isEqualTo("MISS");
    assertThat(xCache(frHit)).isEqualTo("HIT");
    assertThat(xCache(deHit)).isEqualTo("HIT");
    assertThat(text(frHit)).isEqualTo("in fr");
    assertThat(text(deHit)).isEqualTo("in de");
    assertThat(http.originRequests("/a")).isEqualTo(2);
  }

  @Test
  void varyStar_isNeverServedFromStore() {
    origin("Cache-Control", "max-age=600", "Vary", "*");
    assertNotStored(StoreDecision.VARY_STAR);
  }

  @Test
  void unsafeMethod_invalidatesTheStoredResponse() {
    origin("Cache-Control", "max-age=600");
    http.get("/a");
    assertThat(xCache(http.get("/a"))).isEqualTo("HIT");

    var post = http.send("POST", "/a");
    var after = http.get("/a");

    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(xCache(post)).isEqualTo("PASS");
    assertThat(xCache(after)).isEqualTo("MISS");
    assertThat(http.origin.requests("/a"))
        .extracting(r -> r.method())
        .containsExactly("GET", "POST", "GET");
  }

  @Test
  void unsafeMethods_invalidateEveryVariant_andABurstOfThemStillAllTakeEffect() {
    http =
        HttpEdge.start(
            cacheDir,
            request ->
                Reply.ok(
                    "in " + request.header("Accept-Language"),
                    "Cache-Control",
                    "max-age=600",
                    "Vary",
                    "Accept-Language"));
    for (int i = 0; i < 20; i++) {
      http.get("/p" + i, "Accept-Language", "fr");
      http.get("/p" + i, "Accept-Language", "de");
    }
    http.awaitFillsDone();

    assertThat(EdgeFixture.disk(http.edge).objectCount()).isEqualTo(40);

    for (int i = 0; i < 20; i++) http.send("DELETE", "/p" + i);

    // the walks that remove them from the tiers are batched; every one of the 40 variants goes
    Await.until(
        Duration.ofSeconds(10),
        "every variant swept from disk",
        () -> EdgeFixture.disk(http.edge).objectCount() == 0);

    for (int i = 0; i < 20; i++) {
      assertThat(xCache(http.get("/p" + i, "Accept-Language", "fr")))
          .as("/p%d fr", i)
          .isEqualTo("MISS");
      assertThat(xCache(http.get("/p" + i, "Accept-Language", "de")))
          .as("/p%d de", i)
          .isEqualTo("MISS");
    }
    http.awaitFillsDone();
    assertThat(xCache(http.get("/p0", "Accept-Language", "fr")))
        .isEqualTo("HIT"); // what came after is stored again
  }

  @Test
  void viewersNoCache_isServedFromStore() {
    // A reload storm must not become origin load: like nginx and Varnish, the edge takes a viewer's
    // no-cache as the preference RFC 9111 §5.2.1.4 calls it, and does not follow it.
    origin("Cache-Control", "max-age=600");
    http.get("/a");

    var reload = http.get("/a", "Cache-Control", "no-cache", "Pragma", "no-cache");

    assertThat(xCache(reload)).isEqualTo("HIT");
    assertThat(http.originRequests("/a")).isEqualTo(1);
  }

  @Test
  void onlyIfCached_missIsA504() {
    origin("Cache-Control", "max-age=600");

    var response = http.get("/a", "Cache-Control", "only-if-cached");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(text(response)).contains("\"error\"");
    assertThat(http.originRequests("/a")).isZero();
  }
}
