package org.telcocdn.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  void masksAndHashes() {
    assertThat(ClientAddress.MASKED.apply("192.168.7.42", "")).isEqualTo("192.168.7.0");
    assertThat(ClientAddress.MASKED.apply("2001:db8:85a3:8d3:1319:8a2e:370:7348", ""))
        .isEqualTo("2001:db8:85a3::");
    String h = ClientAddress.HASHED.apply("192.168.7.42", "pepper");
    assertThat(h)
        .hasSize(16)
        .isEqualTo(ClientAddress.HASHED.apply("192.168.7.42", "pepper"))
        .isNotEqualTo(ClientAddress.HASHED.apply("192.168.7.42", "salt"));
    assertThat(ClientAddress.FULL.apply("1.2.3.4", "")).isEqualTo("1.2.3.4");
    assertThatThrownBy(() -> ClientAddress.parse("blurred")).hasMessageContaining("blurred");
  }
}
