package org.telcocdn.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.telcocdn.cache.EdgeConfig;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.http.DeliveryService;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.config.Sizes;
import org.telcocdn.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdn edge --origin http://HOST:PORT --listen HOST:PORT [--cache-dir DIR] [--cache-size
 * SIZE]}: one edge in the foreground in front of one HTTP origin, as one would run nginx: no
 * broker, index or metadata, every path but the edge's own ({@code /health}, {@code /metrics},
 * {@code /internal/}) going to the origin (docs/http-origins.md). Runs in this process; Ctrl-C
 * stops it. Any other edge key can still be set as usual ({@code CDN_EDGE_HTTP_SLICE_BYTES=4MiB},
 * {@code -Dedge.name=...}); the flags win over them.
 */
@Command(
    name = "edge",
    mixinStandardHelpOptions = true,
    description = "Run one edge in the foreground in front of an HTTP origin; Ctrl-C stops it.")
final class EdgeCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--origin",
      required = true,
      paramLabel = "URL",
      description = "The HTTP origin: http://HOST:PORT[/PATH].")
  String origin;

  @Option(
      names = "--listen",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Where viewers connect.")
  String listen;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "The disk cache (default: .cdn/edge).")
  Path cacheDir = Path.of(".cdn", "edge");

  @Option(
      names = "--cache-size",
      paramLabel = "SIZE",
      description = "Disk cache budget, e.g. 10GiB (default: 2GiB).")
  String cacheSize = "2GiB";

  EdgeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EdgeServer edge = start(Settings.fromEnvironment());
    Thread stop = new Thread(edge::close, "cdn-edge-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    context
        .out()
        .println(
            "edge "
                + edge.config().name()
                + " in front of "
                + origin
                + " at "
                + edge.url()
                + " (cache "
                + edge.config().cacheDir()
                + ", "
                + cacheSize
                + "); Ctrl-C stops it");
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Starts the edge the flags describe over {@code base} settings. */
  EdgeServer start(Settings base) {
    HostPort at = HostPort.parse(listen);
    DeliveryService service;
    try {
      service = DeliveryService.everything("origin", origin);
      Sizes.parseBytes("--cache-size", cacheSize);
    } catch (IllegalArgumentException | ConfigException e) {
      throw CliException.usage(e.getMessage().replace("delivery service origin: ", "--origin: "));
    }
    Path dir = context.workDir().resolve(cacheDir).toAbsolutePath().normalize();
    Map<String, String> flags = new HashMap<>();
    flags.put(
        "edge.name",
        base.raw("edge.name")
            .orElse(("edge-" + at.host() + "-" + at.port()).replaceAll("[^A-Za-z0-9.-]", "")));
    flags.put("edge.host", at.host());
    flags.put("edge.port", Integer.toString(at.port()));
    flags.put("edge.broker-url", "");
    flags.put("edge.cache-dir", dir.toString());
    flags.put("edge.disk.max-bytes", cacheSize);
    flags.put("edge.delivery-services", Json.string(List.of(service)));
    if (base.raw("edge.access-log.dir").isEmpty())
      flags.put("edge.access-log.dir", dir.resolve("logs").toString());
    try {
      return EdgeServer.start(EdgeConfig.from(base.with(flags)));
    } catch (ConfigException e) {
      throw CliException.usage(e.getMessage());
    } catch (RuntimeException e) {
      throw new CliException(CliException.RUNTIME, "the edge did not start: " + e.getMessage(), e);
    }
  }

  /** {@code HOST:PORT}, {@code [v6]:PORT} or {@code :PORT} (all addresses). */
  record HostPort(String host, int port) {
    static HostPort parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon < 0) throw CliException.usage("--listen must be HOST:PORT, was '" + text + "'");
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
      if (host.isEmpty()) host = "0.0.0.0";
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port < 0 || port > 65535) throw new NumberFormatException();
        return new HostPort(host, port);
      } catch (NumberFormatException e) {
        throw CliException.usage(
            "--listen must be HOST:PORT with a port from 0 to 65535, was '" + text + "'");
      }
    }
  }
}
