package org.telcocdn.common.http;

import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * What one listener allows each client connection, the limits nginx and Traffic Server operators
 * set against hostile clients (docs/security.md, "Limits against hostile clients"). Every listener
 * counts its own connections.
 *
 * <table>
 *   <tr><th>limit</th><th>key under the service's prefix</th><th>default</th><th>nginx / Traffic Server</th></tr>
 *   <tr><td>{@code maxConnections}</td><td>{@code limits.max-connections}</td><td>per service</td>
 *       <td>{@code worker_connections} / {@code proxy.config.net.connections_throttle}</td></tr>
 *   <tr><td>{@code headerTimeout}: from the connection's accept, or the first byte of a later request,
 *       to its whole head</td><td>{@code limits.header-timeout}</td><td>10 s</td>
 *       <td>{@code client_header_timeout} (60 s)</td></tr>
 *   <tr><td>{@code idleTimeout}: a kept-alive connection with no request, or a body with no byte</td>
 *       <td>{@code limits.idle-timeout}</td><td>60 s</td>
 *       <td>{@code keepalive_timeout} (75 s), {@code client_body_timeout} (60 s)</td></tr>
 *   <tr><td>{@code writeTimeout}: a response the client has not read a byte of</td>
 *       <td>{@code limits.write-timeout}</td><td>30 s</td><td>{@code send_timeout} (60 s)</td></tr>
 *   <tr><td>{@code maxPipelined}: requests waiting behind the one being answered</td>
 *       <td>{@code limits.max-pipelined}</td><td>16</td><td>(none; they read one request at a time)</td></tr>
 * </table>
 *
 * <p>The header timeout is shorter than nginx's default: a player sends its whole head in one
 * packet, and a slowloris client holding a connection with a trickle of header bytes is what it is
 * for. Players do not pipeline (browsers, hls.js and ffmpeg send one request at a time per
 * connection); 16 leaves room for tools that do.
 */
public record ConnectionLimits(
    int maxConnections,
    Duration headerTimeout,
    Duration idleTimeout,
    Duration writeTimeout,
    int maxPipelined) {
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_PIPELINED = 16;

  /**
   * Netty's HTTP codec fails a connection with more than 128 requests in flight; this stays under
   * it.
   */
  public static final int MAX_PIPELINED = 100;

  /** Listeners that face viewers (edges, the broker) hold many more than the control plane's. */
  public static final int VIEWER_MAX_CONNECTIONS = 10_000;

  public static final int CONTROL_MAX_CONNECTIONS = 1_000;

  public ConnectionLimits {
    if (maxConnections < 1)
      throw new IllegalArgumentException(
          "maxConnections must be at least 1, was " + maxConnections);
    requirePositive("headerTimeout", headerTimeout);
    requirePositive("idleTimeout", idleTimeout);
    requirePositive("writeTimeout", writeTimeout);
    if (maxPipelined < 0 || maxPipelined > MAX_PIPELINED) {
      throw new IllegalArgumentException(
          "maxPipelined must be from 0 to " + MAX_PIPELINED + ", was " + maxPipelined);
    }
  }

  /** The defaults with this connection cap. */
  public static ConnectionLimits defaults(int maxConnections) {
    return new ConnectionLimits(
        maxConnections,
        DEFAULT_HEADER_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_WRITE_TIMEOUT,
        DEFAULT_MAX_PIPELINED);
  }

  /** Reads {@code {prefix}.limits.*}, with {@code defaultMaxConnections} as that key's default. */
  public static ConnectionLimits from(Settings s, String prefix, int defaultMaxConnections) {
    String p = prefix + ".limits.";
    try {
      return new ConnectionLimits(
          s.intValue(p + "max-connections", defaultMaxConnections, 1, 10_000_000),
          s.duration(p + "header-timeout", DEFAULT_HEADER_TIMEOUT),
          s.duration(p + "idle-timeout", DEFAULT_IDLE_TIMEOUT),
          s.duration(p + "write-timeout", DEFAULT_WRITE_TIMEOUT),
          s.intValue(p + "max-pipelined", DEFAULT_MAX_PIPELINED, 0, MAX_PIPELINED));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p + "*: " + e.getMessage());
    }
  }

  /**
   * How often a connection's deadlines are looked at: a quarter of the shortest, so none is overrun
   * by more.
   */
  Duration checkPeriod() {
    Duration shortest = headerTimeout;
    if (idleTimeout.compareTo(shortest) < 0) shortest = idleTimeout;
    if (writeTimeout.compareTo(shortest) < 0) shortest = writeTimeout;
    Duration quarter = shortest.dividedBy(4);
    return quarter.toMillis() < 10 ? Duration.ofMillis(10) : quarter;
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
