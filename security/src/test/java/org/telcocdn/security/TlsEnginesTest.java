package org.telcocdn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;

class TlsEnginesTest {
  @Test
  void openssl_isBoringSsl_whenItsNativeLibraryLoads_asOnLinuxX8664() {
    assertThat(TlsEngines.choose("openssl")).isEqualTo(SslProvider.OPENSSL);
    assertThat(TlsEngines.PROVIDER).isEqualTo(SslProvider.OPENSSL); // the default
  }

  @Test
  void jdk_forcesTheJdksEngine() {
    assertThat(TlsEngines.choose("JDK")).isEqualTo(SslProvider.JDK);
  }

  @Test
  void anythingElse_isRefusedWithTheChoices() {
    assertThatThrownBy(() -> TlsEngines.choose("boring"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openssl or jdk");
  }
}
