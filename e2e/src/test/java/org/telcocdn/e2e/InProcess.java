package org.telcocdn.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.telcocdn.broker.BrokerConfig;
import org.telcocdn.broker.BrokerServer;
import org.telcocdn.cache.EdgeConfig;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.client.ClientConfig;
import org.telcocdn.client.ClientServer;
import org.telcocdn.common.config.Settings;
import org.telcocdn.controller.ControllerConfig;
import org.telcocdn.controller.ControllerServer;
import org.telcocdn.metadata.MetadataConfig;
import org.telcocdn.metadata.MetadataServer;
import org.telcocdn.raw.OriginConfig;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * One service of the system started in this JVM, on port 0, with its own certificate of {@link
 * TestCredentials#shared()} and the wiring `cdn up` gives it; the settings a test needs beyond that
 * come as {@code extra}. {@link Stack}, {@link RouteCoverageIT} and {@link OperatorPageIT} compose
 * their systems from these, so a setting every service needs is added in one place.
 */
final class InProcess {
  private InProcess() {}

  static BrokerServer broker(Map<String, String> extra) {
    return BrokerServer.start(
        BrokerConfig.from(
            settings(
                ServiceIdentity.of(ServiceRoles.BROKER, "broker"),
                Map.of("broker.port", "0", "broker.control-port", "0"),
                extra)));
  }

  static MetadataServer metadata(Path dir, BrokerServer broker) {
    return MetadataServer.start(
        MetadataConfig.from(
            settings(
                ServiceIdentity.of(ServiceRoles.METADATA, "vid-metadata"),
                Map.of(
                    "metadata.port",
                    "0",
                    "metadata.control-port",
                    "0",
                    "metadata.db.url",
                    "jdbc:h2:file:" + dir.resolve("metadata/videos").toAbsolutePath(),
                    "metadata.broker-url",
                    broker.url(),
                    "metadata.broker-control-url",
                    broker.controlUrl()),
                Map.of())));
  }

  static OriginServer origin(Path dir, MetadataServer metadata) {
    return OriginServer.start(
        OriginConfig.from(
            settings(
                ServiceIdentity.of(ServiceRoles.ORIGIN, "vid-raw"),
                Map.of(
                    "origin.port",
                    "0",
                    "origin.grpc-port",
                    "0",
                    "origin.store-dir",
                    dir.resolve("origin").toString(),
                    "origin.metadata-url",
                    metadata.controlUrl(),
                    "origin.x264-preset",
                    "ultrafast"),
                Map.of())));
  }

  /** Edge {@code name} of site-a, its cache under {@code dir/name}, heartbeats every 500 ms. */
  static EdgeServer edge(
      String name, Path dir, OriginServer origin, BrokerServer broker, Map<String, String> extra) {
    return EdgeServer.start(
        EdgeConfig.from(
            settings(
                new ServiceIdentity(ServiceRoles.EDGE, "site-a", name),
                Map.of(
                    "edge.name",
                    name,
                    "edge.port",
                    "0",
                    "edge.control-port",
                    "0",
                    "edge.site",
                    "site-a",
                    "edge.origin-target",
                    "127.0.0.1:" + origin.grpcPort(),
                    "edge.broker-url",
                    broker.controlUrl(),
                    "edge.cache-dir",
                    dir.resolve(name).toString(),
                    "edge.heartbeat-interval",
                    "500ms"),
                extra)));
  }

  /**
   * The controller, rounds every hour (tests ask for one when they need it), its triggers under
   * {@code dir/triggers}; {@code extra} adds or overrides settings (index peers, prediction).
   */
  static ControllerServer controller(
      Path dir,
      BrokerServer broker,
      String analyticsControlUrl,
      MetadataServer metadata,
      Map<String, String> extra) {
    return ControllerServer.start(
        ControllerConfig.from(
            settings(
                ServiceIdentity.of(ServiceRoles.CONTROLLER, "controller"),
                Map.of(
                    "controller.port",
                    "0",
                    "controller.interval",
                    "1h",
                    "controller.broker-url",
                    broker.controlUrl(),
                    "controller.analytics-url",
                    analyticsControlUrl,
                    "controller.metadata-url",
                    metadata.url(),
                    "controller.triggers.dir",
                    dir.resolve("triggers").toString()),
                extra)));
  }

  /**
   * The player and operator pages; an empty {@code analyticsUrl} or {@code controllerUrl} leaves
   * that part off (no beacons reach a stray 8095).
   */
  static ClientServer client(
      MetadataServer metadata,
      BrokerServer broker,
      String analyticsUrl,
      String analyticsControlUrl,
      String controllerUrl) {
    return ClientServer.start(
        ClientConfig.from(
            settings(
                ServiceIdentity.of(ServiceRoles.CLIENT, "client"),
                Map.of(
                    "client.port",
                    "0",
                    "client.control-port",
                    "0",
                    "client.metadata-url",
                    metadata.url(),
                    "client.broker-url",
                    broker.url(),
                    "client.analytics-url",
                    analyticsUrl,
                    "client.analytics-control-url",
                    analyticsControlUrl,
                    "client.controller-url",
                    controllerUrl),
                Map.of())));
  }

  /**
   * {@code values}, then {@code extra}, over the {@code security.*} settings of {@code identity}
   * from {@link TestCredentials#shared()}.
   */
  static Settings settings(
      ServiceIdentity identity, Map<String, String> values, Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(TestCredentials.shared().settings(identity));
    all.putAll(values);
    all.putAll(extra);
    return Settings.of(all);
  }
}
