package org.telcocdn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceIdentityTest {
  @Test
  void uri_roundTrips() {
    ServiceIdentity edge = new ServiceIdentity("vid-cache", "site-a", "edge-1");
    assertThat(edge.uri()).isEqualTo("spiffe://telcocdn/vid-cache/site-a/edge-1");
    assertThat(ServiceIdentity.parse(edge.uri())).contains(edge);
    assertThat(ServiceIdentity.parse("spiffe://telcocdn/vid-cache-broker/-/broker"))
        .contains(ServiceIdentity.of("vid-cache-broker", "broker"));
  }

  @Test
  void parse_refusesOtherTrustDomainsShapesAndCharacters() {
    assertThat(ServiceIdentity.parse("spiffe://example.org/vid-cache/site-a/edge-1")).isEmpty();
    assertThat(ServiceIdentity.parse("https://telcocdn/vid-cache/site-a/edge-1")).isEmpty();
    assertThat(ServiceIdentity.parse("spiffe://telcocdn/vid-cache/site-a")).isEmpty();
    assertThat(ServiceIdentity.parse("spiffe://telcocdn/vid-cache/site-a/edge-1/extra")).isEmpty();
    assertThat(ServiceIdentity.parse("spiffe://telcocdn/vid-cache/site-a/edge-1?x=1")).isEmpty();
    assertThat(ServiceIdentity.parse("spiffe://telcocdn/vid-cache/site-a/..")).isEmpty();
    assertThat(ServiceIdentity.parse("spiffe://telcocdn/vid-cache/site%2Fa/edge-1")).isEmpty();
    assertThat(ServiceIdentity.parse("not a uri at all")).isEmpty();
  }

  @Test
  void constructor_namesThePartThatIsWrong() {
    assertThatThrownBy(() -> new ServiceIdentity("vid-cache", "site a", "edge-1"))
        .hasMessageContaining("site");
    assertThatThrownBy(() -> new ServiceIdentity("", "-", "edge-1")).hasMessageContaining("role");
  }

  @Test
  void of_readsTheSanUriOfACertificate() {
    InternalCa ca = InternalCa.create("test CA", Instant.now(), Duration.ofDays(1));
    ServiceIdentity edge = new ServiceIdentity("vid-cache", "site-b", "edge-3");
    IssuedCertificate issued =
        ca.issue(edge, List.of("127.0.0.1", "localhost"), Instant.now(), Duration.ofHours(1));
    assertThat(ServiceIdentity.of(issued.certificate())).contains(edge);
    assertThat(ServiceIdentity.of(ca.certificate())).as("the CA names no service").isEmpty();
  }
}
