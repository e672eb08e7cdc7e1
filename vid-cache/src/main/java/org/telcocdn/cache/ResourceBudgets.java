package org.telcocdn.cache;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the edge keeps of the process's shared resources (direct memory, file descriptors) for its
 * tiers, so that fills and sockets still get theirs; a configuration asking for more is cut down
 * with a warning rather than failing later under load.
 */
final class ResourceBudgets {
  private static final Logger log = LoggerFactory.getLogger(ResourceBudgets.class);

  private ResourceBudgets() {}

  /**
   * The memory tier, fills in flight and Netty's buffers all live in the JVM's direct memory, which
   * defaults to the heap size: a memory tier as large as that limit makes fills fail mid-stream
   * with "Cannot reserve direct buffer memory". Half the limit leaves the rest for fills and
   * sockets.
   */
  static long memory(EdgeConfig config) {
    long limit = PlatformDependent.maxDirectMemory() / 2;
    if (config.memoryMaxBytes() <= limit) return config.memoryMaxBytes();
    log.warn(
        "edge {}: edge.memory.max-bytes {} is more than half the JVM's direct memory ({} bytes); using {}."
            + " Raise -XX:MaxDirectMemorySize to use more",
        config.name(),
        config.memoryMaxBytes(),
        limit * 2,
        limit);
    return limit;
  }

  /**
   * Handles kept open by the disk tier share the process's file descriptors with client connections
   * and fills: a quarter of the limit at most, so a host still at the common soft limit of 1,024
   * keeps 256 and the rest for sockets.
   */
  static int openFiles(EdgeConfig config, long maxFileDescriptors) {
    long limit = maxFileDescriptors / 4;
    if (config.diskOpenFiles() <= limit) return config.diskOpenFiles();
    log.warn(
        "edge {}: edge.disk.open-files {} is more than a quarter of the process's file descriptor limit ({});"
            + " keeping {} open. Raise the limit (ulimit -n) to keep more",
        config.name(),
        config.diskOpenFiles(),
        maxFileDescriptors,
        limit);
    return (int) limit;
  }

  /** The process's file descriptor limit, or a generous guess where the JVM does not tell. */
  static long maxFileDescriptors() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : 65_536;
  }
}
