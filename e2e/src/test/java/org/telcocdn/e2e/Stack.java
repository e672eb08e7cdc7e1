package org.telcocdn.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.broker.BrokerServer;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.client.ClientServer;
import org.telcocdn.common.service.Service;
import org.telcocdn.metadata.MetadataServer;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;
import org.telcocdn.urisigning.ViewerKeyFiles;

/**
 * The whole system in one JVM, every server on port 0 and every store in a temporary directory,
 * wired the way the cdn launcher wires the processes: broker, metadata, origin, three edges,
 * client; every service with its own certificate of {@link TestCredentials#shared()}. Viewer URLs
 * are signed as under `cdn up`: the broker with the private keys made in {@code dir}, the edges
 * with the public ones.
 */
final class Stack implements AutoCloseable {
  static final Operator OPERATOR = Operator.admin();
  final BrokerServer broker;
  final MetadataServer metadata;
  final OriginServer origin;
  final List<EdgeServer> edges = new ArrayList<>();
  final ClientServer client;
  private final List<Service> started = new ArrayList<>();

  Stack(Path dir, int edgeCount) {
    this(dir, edgeCount, Map.of());
  }

  /**
   * @param brokerSettings more broker settings, e.g. short token lifetimes
   */
  Stack(Path dir, int edgeCount, Map<String, String> brokerSettings) {
    ViewerKeyFiles keys = new ViewerKeyFiles(dir.resolve("secrets"), Clock.systemUTC());
    keys.ensure();
    Map<String, String> brokerExtra =
        new HashMap<>(
            Map.of(
                "broker.heartbeat-timeout",
                "3s",
                "security.url-signing.private-keys",
                keys.signingFile().toString()));
    brokerExtra.putAll(brokerSettings);
    broker = track(InProcess.broker(brokerExtra));
    metadata = track(InProcess.metadata(dir, broker));
    origin = track(InProcess.origin(dir, metadata));
    for (int i = 1; i <= edgeCount; i++) {
      edges.add(
          track(
              InProcess.edge(
                  "edge-" + i,
                  dir,
                  origin,
                  broker,
                  Map.of("security.url-signing.public-keys", keys.publicFile().toString()))));
    }
    client = track(InProcess.client(metadata, broker, "", "", ""));
    // no analytics in this stack: beacons off, none reach a stray 8095
    Await.until(
        Duration.ofSeconds(15),
        "all edges registered with the broker",
        () -> OPERATOR.upEdges(broker.controlUrl()) == edgeCount);
  }

  /**
   * Ingests a file through the origin's HTTP API, as `cdn ingest` does, and returns the video JSON.
   */
  Map<?, ?> ingest(Path file, String name, String... tags) throws Exception {
    return OPERATOR.ingest(origin.url(), file, name, tags);
  }

  List<String> edgeNames() {
    return List.of("edge-1", "edge-2", "edge-3").subList(0, edges.size());
  }

  private <T extends Service> T track(T service) {
    started.add(service);
    return service;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (RuntimeException e) {
        System.err.println("closing " + started.get(i) + " failed: " + e);
      }
    }
  }
}
