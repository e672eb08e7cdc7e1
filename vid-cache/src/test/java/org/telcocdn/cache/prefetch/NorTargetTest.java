package org.telcocdn.cache.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.telcocdn.cache.storage.CacheKey;

/** How a CTA-5004 {@code nor} value resolves against the request it came with (RFC 3986 5.2). */
class NorTargetTest {
  private static final String REQUEST = "/videos/title-a/360p/seg_00003.m4s?CMCD=x";
  private static final String SIGNED =
      "/videos/title-a;URISigningPackage=eyJhbGciOi.abc.def/360p/seg_00003.m4s";

  private static NorTarget resolve(String nor) {
    return NorTarget.resolve(REQUEST, nor);
  }

  @Test
  void relativeValuesResolveAgainstTheRequestsDirectory() {
    assertThat(resolve("seg_00004.m4s").key())
        .isEqualTo(new CacheKey("title-a", "360p/seg_00004.m4s"));
    assertThat(resolve("..%2F720p%2Fseg_00004.m4s").key())
        .as("URL-encoded, as CTA-5004 asks")
        .isEqualTo(new CacheKey("title-a", "720p/seg_00004.m4s"));
    assertThat(resolve("./seg_00004.m4s?x=1").key())
        .isEqualTo(new CacheKey("title-a", "360p/seg_00004.m4s"));
    assertThat(resolve("%2Fvideos%2Ftitle-a%2F360p%2Fseg_00004.m4s").key())
        .as("path-absolute")
        .isEqualTo(new CacheKey("title-a", "360p/seg_00004.m4s"));
    assertThat(NorTarget.resolve(SIGNED, "seg_00004.m4s").key())
        .as("a signed URL's package is not part of the title")
        .isEqualTo(new CacheKey("title-a", "360p/seg_00004.m4s"));
  }

  @Test
  void valuesLeavingTheTitleOrTheHostAreRefusedWithTheirReason() {
    assertThat(resolve("https://cdn.example/videos/title-a/360p/seg_00004.m4s").refusal())
        .isEqualTo(PrefetchOutcome.OTHER_HOST);
    assertThat(resolve("%2F%2Fcdn.example%2Fx").refusal()).isEqualTo(PrefetchOutcome.OTHER_HOST);
    assertThat(resolve("../../title-b/360p/seg_00001.m4s").refusal())
        .isEqualTo(PrefetchOutcome.OUTSIDE_TITLE);
    assertThat(resolve("%2E%2E%2F%2E%2E%2F%2E%2E%2Fhealth").refusal())
        .isEqualTo(PrefetchOutcome.OUTSIDE_TITLE);
    assertThat(resolve("/internal/peer/videos/title-a/360p/seg_00004.m4s").refusal())
        .isEqualTo(PrefetchOutcome.OUTSIDE_TITLE);
    assertThat(resolve("..").refusal()).isEqualTo(PrefetchOutcome.OUTSIDE_TITLE);
    assertThat(NorTarget.resolve("/videos/live-news/360p/1.m4s", "2.m4s").refusal())
        .isEqualTo(PrefetchOutcome.LIVE);
  }

  @Test
  void valuesThatAreNotPathsAreMalformed() {
    assertThat(resolve("").refusal()).isEqualTo(PrefetchOutcome.MALFORMED);
    assertThat(resolve("%zz").refusal()).isEqualTo(PrefetchOutcome.MALFORMED);
    assertThat(resolve("seg%00.m4s").refusal()).isEqualTo(PrefetchOutcome.MALFORMED);
    assertThat(resolve("%C3%28").refusal()).as("not UTF-8").isEqualTo(PrefetchOutcome.MALFORMED);
    assertThat(resolve("a//b.m4s").refusal()).isEqualTo(PrefetchOutcome.MALFORMED);
    assertThat(resolve("x".repeat(NorTarget.MAX_LENGTH + 1)).refusal())
        .isEqualTo(PrefetchOutcome.MALFORMED);
  }
}
