package org.telcocdn.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.telcocdn.broker.BrokerConfig;
import org.telcocdn.broker.BrokerServer;
import org.telcocdn.cache.EdgeConfig;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.client.ClientConfig;
import org.telcocdn.client.ClientServer;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.Service;
import org.telcocdn.metadata.MetadataConfig;
import org.telcocdn.metadata.MetadataServer;
import org.telcocdn.raw.OriginConfig;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.testkit.Await;

/**
 * The whole system in one JVM, every server on port 0 and every store in a temporary directory,
 * wired the way the cdn launcher wires the processes: broker, metadata, origin, three edges,
 * client.
 */
final class Stack implements AutoCloseable {
  final BrokerServer broker;
  final MetadataServer metadata;
  final OriginServer origin;
  final List<EdgeServer> edges = new ArrayList<>();
  final ClientServer client;
  private final List<Service> started = new ArrayList<>();

  Stack(Path dir, int edgeCount) {
    broker =
        track(
            BrokerServer.start(
                BrokerConfig.from(
                    settings(Map.of("broker.port", "0", "broker.heartbeat-timeout", "3s")))));
    metadata =
        track(
            MetadataServer.start(
                MetadataConfig.from(
                    settings(
                        Map.of(
                            "metadata.port",
                            "0",
                            "metadata.db.url",
                            "jdbc:h2:file:" + dir.resolve("metadata/videos").toAbsolutePath(),
                            "metadata.broker-url",
                            broker.url())))));
    origin =
        track(
            OriginServer.start(
                OriginConfig.from(
                    settings(
                        Map.of(
                            "origin.port",
                            "0",
                            "origin.grpc-port",
                            "0",
                            "origin.store-dir",
                            dir.resolve("origin").toString(),
                            "origin.metadata-url",
                            metadata.url(),
                            "origin.x264-preset",
                            "ultrafast")))));
    for (int i = 1; i <= edgeCount; i++) {
      edges.add(
          track(
              EdgeServer.start(
                  EdgeConfig.from(
                      settings(
                          Map.of(
                              "edge.name",
                              "edge-" + i,
                              "edge.port",
                              "0",
                              "edge.site",
                              "site-a",
                              "edge.origin-target",
                              "127.0.0.1:" + origin.grpcPort(),
                              "edge.broker-url",
                              broker.url(),
                              "edge.cache-dir",
                              dir.resolve("edge-" + i).toString(),
                              "edge.heartbeat-interval",
                              "500ms"))))));
    }
    client =
        track(
            ClientServer.start(
                ClientConfig.from(
                    settings(
                        Map.of(
                            "client.port",
                            "0",
                            "client.metadata-url",
                            metadata.url(),
                            "client.broker-url",
                            broker.url(),
                            "client.analytics-url",
                            ""))))); // no analytics in this stack: beacons off, none reach a stray
    // 8095
    Await.until(
        Duration.ofSeconds(15),
        "all edges registered with the broker",
        () -> Services.upEdges(broker.url()) == edgeCount);
  }

  /**
   * Ingests a file through the origin's HTTP API, as `cdn ingest` does, and returns the video JSON.
   */
  Map<?, ?> ingest(Path file, String name, String... tags) throws Exception {
    return Services.ingest(origin.url(), file, name, tags);
  }

  List<String> edgeNames() {
    return List.of("edge-1", "edge-2", "edge-3").subList(0, edges.size());
  }

  private static Settings settings(Map<String, String> values) {
    return Settings.of(values);
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
