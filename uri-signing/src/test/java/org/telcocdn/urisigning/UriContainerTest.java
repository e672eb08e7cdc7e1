package org.telcocdn.urisigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code cdniuc} values the project writes, read back as an edge reads them. */
class UriContainerTest {
  @Test
  void aPathPrefixCoversItsUrlsOnAnyHostAndNothingElse() {
    UriContainer shop = UriContainer.parse(UriContainer.forPathPrefix("/shop/"));

    assertThat(shop.matches("http://shop.example/shop/app.js")).isTrue();
    assertThat(shop.matches("https://10.0.0.1:8443/shop/a/b.m4s?v=2")).isTrue();
    assertThat(shop.matches("http://shop.example/shopping/app.js")).isFalse();
    assertThat(shop.matches("http://shop.example/other/shop/app.js")).isFalse();
  }

  @Test
  void regexCharactersInAPrefixAreLiteral() {
    UriContainer dotted = UriContainer.parse(UriContainer.forPathPrefix("/v1.0+(beta)/"));

    assertThat(dotted.matches("http://h/v1.0+(beta)/x")).isTrue();
    assertThat(dotted.matches("http://h/v1x0+(beta)/x")).as("the dot is not a wildcard").isFalse();
  }

  @Test
  void aPrefixMustBeAPath() {
    assertThatThrownBy(() -> UriContainer.forPathPrefix("shop/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts with /");
  }
}
