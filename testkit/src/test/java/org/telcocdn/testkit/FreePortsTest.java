package org.telcocdn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void many_givesDistinctPortsThatCanBeBound() throws Exception {
    int[] ports = FreePorts.many(6);

    assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(6);
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void one_isAnUnprivilegedPort() {
    assertThat(FreePorts.one()).isBetween(1024, 65535);
  }
}
