package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UriSigningPackageTest {
  private static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjF9.c2ln-_";

  @Test
  void aPathStyleParameterOnTheIdIsRemovedWithItsSemicolon() {
    UriSigningPackage p =
        UriSigningPackage.find(
            "/videos/abc;URISigningPackage=" + JWT + "/720p/seg_00001.m4s?CMCD=sid%3D%22x%22");

    assertThat(p.token()).isEqualTo(JWT);
    assertThat(p.uri()).isEqualTo("/videos/abc/720p/seg_00001.m4s?CMCD=sid%3D%22x%22");
  }

  @Test
  void aFormStyleParameterIsRemovedWhereverItStandsInTheQuery() {
    assertThat(UriSigningPackage.find("/videos/abc/master.m3u8?URISigningPackage=" + JWT).uri())
        .isEqualTo("/videos/abc/master.m3u8");
    assertThat(
            UriSigningPackage.find("/videos/abc/master.m3u8?URISigningPackage=" + JWT + "&CMCD=x")
                .uri())
        .isEqualTo("/videos/abc/master.m3u8?CMCD=x");
    assertThat(
            UriSigningPackage.find("/videos/abc/master.m3u8?CMCD=x&URISigningPackage=" + JWT).uri())
        .isEqualTo("/videos/abc/master.m3u8?CMCD=x");
  }

  @Test
  void aWholeSegmentAsTrafficServerAcceptsItStripsToTheSameUri() {
    UriSigningPackage p =
        UriSigningPackage.find("/videos/abc/URISigningPackage=" + JWT + "/master.m3u8");

    assertThat(p.token()).isEqualTo(JWT);
    assertThat(p.uri()).isEqualTo("/videos/abc/master.m3u8");
  }

  @Test
  void withoutAPackageTheUriIsUnchangedAndTheTokenNull() {
    UriSigningPackage p = UriSigningPackage.find("/videos/abc/master.m3u8?CMCD=x");

    assertThat(p.present()).isFalse();
    assertThat(p.uri()).isEqualTo("/videos/abc/master.m3u8?CMCD=x");
    assertThat(UriSigningPackage.strip("/videos/abc/master.m3u8"))
        .isEqualTo("/videos/abc/master.m3u8");
  }

  @Test
  void theAttributeNameInsideAnotherNameIsNotAPackage() {
    UriSigningPackage p =
        UriSigningPackage.find("/videos/abc/xURISigningPackage=" + JWT + "/master.m3u8");

    assertThat(p.present()).isFalse();
  }

  @Test
  void onlyTheFirstPackageIsTaken() {
    UriSigningPackage p =
        UriSigningPackage.find("/videos/abc;URISigningPackage=first/x?URISigningPackage=second");

    assertThat(p.token()).isEqualTo("first");
    assertThat(p.uri()).isEqualTo("/videos/abc/x?URISigningPackage=second");
  }

  @Test
  void anEmptyTokenIsFoundEmptySoTheVerifierRefusesIt() {
    UriSigningPackage p = UriSigningPackage.find("/videos/abc;URISigningPackage=/master.m3u8");

    assertThat(p.token()).isEmpty();
    assertThat(p.uri()).isEqualTo("/videos/abc/master.m3u8");
  }
}
