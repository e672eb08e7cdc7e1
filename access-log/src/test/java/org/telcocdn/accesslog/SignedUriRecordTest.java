package org.telcocdn.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A signed URL's token is a credential: the record keeps the object's path without it. */
class SignedUriRecordTest {
  private static final String JWT = "eyJraWQiOiJ1cmwtMSJ9.eyJleHAiOjF9.c2lnbmF0dXJl";

  @Test
  void theTokenIsNeitherLoggedNorReadAsTheTitleOrRendition() {
    AccessRecord r =
        record(
            "/videos/3f9a0c1b2d4e;URISigningPackage="
                + JWT
                + "/720p/seg_00012.m4s?CMCD=sid%3D%22s1%22");

    assertThat(r.uri()).isEqualTo("/videos/3f9a0c1b2d4e/720p/seg_00012.m4s").doesNotContain(JWT);
    assertThat(r.content()).isEqualTo("3f9a0c1b2d4e");
    assertThat(r.rendition()).isEqualTo("720p");
    assertThat(r.segment()).isEqualTo(12);
    assertThat(r.session()).isEqualTo("s1");
    assertThat(RecordJson.line(r)).doesNotContain(JWT);
  }

  @Test
  void aTokenInTheQueryIsDroppedAndTheCmcdKept() {
    AccessRecord r =
        record("/videos/abc/master.m3u8?URISigningPackage=" + JWT + "&CMCD=sid%3D%22s2%22");

    assertThat(r.uri()).isEqualTo("/videos/abc/master.m3u8");
    assertThat(r.session()).isEqualTo("s2");
  }

  private static AccessRecord record(String uri) {
    return AccessRecord.from(
        new AccessEvent(1L, "GET", uri, "192.0.2.7", null, 200, 10, "HIT", 1000, 2000),
        "edge-1",
        "site-a",
        "192.0.2.0");
  }
}
