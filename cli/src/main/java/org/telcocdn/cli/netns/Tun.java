package org.telcocdn.cli.netns;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Attaches to a tun device that {@code ip tuntap add dev NAME mode tun} made (layer 3, no packet
 * information header, so a read is exactly one IP packet). The kernel sends the device's packets to
 * whoever holds the file descriptor, and takes each written packet as received on the device.
 */
final class Tun {
  private static final int IFREQ_BYTES = 40;
  private static final int IFNAMSIZ = 16;

  private Tun() {}

  /**
   * Opens {@code device} in the calling thread's namespace, non-blocking; returns the file
   * descriptor.
   */
  static int attach(String device) {
    int fd =
        Syscalls.open("/dev/net/tun", Syscalls.O_RDWR | Syscalls.O_NONBLOCK | Syscalls.O_CLOEXEC);
    if (fd < 0)
      throw new IllegalStateException("cannot open /dev/net/tun (errno " + Syscalls.errno() + ")");
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ifreq = arena.allocate(IFREQ_BYTES);
      byte[] name = device.getBytes(StandardCharsets.US_ASCII);
      if (name.length >= IFNAMSIZ)
        throw new IllegalArgumentException("device name too long: " + device);
      MemorySegment.copy(name, 0, ifreq, ValueLayout.JAVA_BYTE, 0, name.length);
      ifreq.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (Syscalls.IFF_TUN | Syscalls.IFF_NO_PI));
      if (Syscalls.ioctl(fd, Syscalls.TUNSETIFF, ifreq) != 0) {
        int errno = Syscalls.errno();
        Syscalls.close(fd);
        throw new IllegalStateException("TUNSETIFF " + device + " failed (errno " + errno + ")");
      }
    }
    return fd;
  }
}
