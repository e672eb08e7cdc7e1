package org.telcocdn.cli.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4PrefixTest {
  @Test
  void parsesAndNormalisesToTheNetworkAddress() {
    assertThat(Ipv4Prefix.parse("10.200.3.77/24")).hasToString("10.200.3.0/24");
    assertThat(Ipv4Prefix.parse("10.200.3.0/24").address(10)).isEqualTo("10.200.3.10");
    assertThat(Ipv4Prefix.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
  }

  @Test
  void carvesSubnets() {
    Ipv4Prefix block = Ipv4Prefix.parse("10.201.0.0/16");
    assertThat(block.subnet(3, 31)).hasToString("10.201.0.6/31");
    assertThat(block.subnet(3, 31).address(1)).isEqualTo("10.201.0.7");
    assertThat(Ipv4Prefix.parse("10.200.0.0/16").subnet(255, 24)).hasToString("10.200.255.0/24");
    assertThatThrownBy(() -> Ipv4Prefix.parse("10.200.0.0/16").subnet(256, 24))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlapIsSymmetricAndExact() {
    Ipv4Prefix wide = Ipv4Prefix.parse("10.100.0.0/16");
    assertThat(wide.overlaps(Ipv4Prefix.parse("10.100.7.0/24"))).isTrue();
    assertThat(Ipv4Prefix.parse("10.100.7.0/24").overlaps(wide)).isTrue();
    assertThat(wide.overlaps(Ipv4Prefix.parse("10.101.0.0/24"))).isFalse();
  }

  @Test
  void rejectsWhatIsNotAPrefix() {
    assertThatThrownBy(() -> Ipv4Prefix.parse("10.1.2/24"))
        .hasMessageContaining("not an IPv4 prefix");
    assertThatThrownBy(() -> Ipv4Prefix.parse("10.1.2.300/24"))
        .hasMessageContaining("octet above 255");
    assertThatThrownBy(() -> Ipv4Prefix.parse("10.1.2.0/40"))
        .hasMessageContaining("prefix length must be 0 to 32");
  }
}
