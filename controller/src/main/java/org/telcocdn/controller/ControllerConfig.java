package org.telcocdn.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.telcocdn.cache.allocation.AllocationSettings;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.ConnectionLimits;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.controller.predict.PredictSettings;
import org.telcocdn.controller.trigger.TriggerSettings;
import org.telcocdn.index.IndexPeer;

/**
 * Every setting of the controller, with its default. The broker and analytics are called on their
 * control listeners (mutual TLS, the controller's certificate), the catalog on its public viewer
 * one (checked against {@code metadataCa} when that one serves HTTPS with a viewer certificate;
 * null: the internal CA). The keys, defaults and meanings are listed once, in docs/configuration.md
 * ("controller"); ConfigurationDocTest (cli) keeps that table and {@link #from} in step.
 */
public record ControllerConfig(
    String host,
    int port,
    String brokerUrl,
    String analyticsUrl,
    String metadataUrl,
    Duration interval,
    Duration window,
    int topK,
    double keep,
    AllocationSettings allocation,
    double prefixRequestShare,
    int segmentSeconds,
    long defaultEdgeCapacity,
    List<IndexPeer> indexPeers,
    Path batchSummary,
    Duration timeout,
    SecurityConfig security,
    ConnectionLimits limits,
    TriggerSettings triggers,
    Path metadataCa,
    PredictSettings predict) {

  /** With the default connection limits, triggers stored under the temporary directory (tests). */
  public ControllerConfig(
      String host,
      int port,
      String brokerUrl,
      String analyticsUrl,
      String metadataUrl,
      Duration interval,
      Duration window,
      int topK,
      double keep,
      AllocationSettings allocation,
      double prefixRequestShare,
      int segmentSeconds,
      long defaultEdgeCapacity,
      List<IndexPeer> indexPeers,
      Path batchSummary,
      Duration timeout,
      SecurityConfig security) {
    this(
        host,
        port,
        brokerUrl,
        analyticsUrl,
        metadataUrl,
        interval,
        window,
        topK,
        keep,
        allocation,
        prefixRequestShare,
        segmentSeconds,
        defaultEdgeCapacity,
        indexPeers,
        batchSummary,
        timeout,
        security,
        ConnectionLimits.defaults(ConnectionLimits.CONTROL_MAX_CONNECTIONS),
        TriggerSettings.at(
            Path.of(
                System.getProperty("java.io.tmpdir"),
                "controller-triggers-" + ProcessHandle.current().pid())),
        null,
        PredictSettings.DEFAULTS);
  }

  /** The same with other trigger settings. */
  public ControllerConfig withTriggers(TriggerSettings next) {
    return new ControllerConfig(
        host,
        port,
        brokerUrl,
        analyticsUrl,
        metadataUrl,
        interval,
        window,
        topK,
        keep,
        allocation,
        prefixRequestShare,
        segmentSeconds,
        defaultEdgeCapacity,
        indexPeers,
        batchSummary,
        timeout,
        security,
        limits,
        next,
        metadataCa,
        predict);
  }

  public ControllerConfig {
    if (interval.toMillis() < 100)
      throw new ConfigException("controller.interval must be at least 100ms, was " + interval);
    if (!(keep >= 0 && keep < 1))
      throw new ConfigException("controller.keep must be in [0, 1), was " + keep);
    if (!(prefixRequestShare > 0 && prefixRequestShare <= 1)) {
      throw new ConfigException(
          "controller.prefix-request-share must be in (0, 1], was " + prefixRequestShare);
    }
    indexPeers = List.copyOf(indexPeers);
  }

  public static ControllerConfig from(Settings s) {
    ControllerConfig config =
        new ControllerConfig(
            s.string("controller.host", "127.0.0.1"),
            s.port("controller.port", 8096),
            trimSlash(s.string("controller.broker-url", "https://127.0.0.1:7080")),
            trimSlash(s.string("controller.analytics-url", "https://127.0.0.1:7095")),
            trimSlash(s.string("controller.metadata-url", "http://127.0.0.1:8081")),
            s.duration("controller.interval", Duration.ofSeconds(30)),
            s.duration("controller.window", Duration.ofMinutes(5)),
            s.intValue("controller.top-k", 1000, 1, 1000),
            fraction(s, "controller.keep", 0.5),
            allocation(s),
            fraction(s, "controller.prefix-request-share", 0.85),
            s.intValue("controller.segment-seconds", 2, 1, 30),
            s.bytes("controller.default-edge-capacity", 10L << 30, 1),
            IndexPeer.parseList(s.string("controller.index.peers", "")),
            optionalPath(s.string("controller.batch-summary", "")),
            s.duration("controller.timeout", Duration.ofSeconds(2)),
            SecurityConfig.from(s),
            ConnectionLimits.from(s, "controller", ConnectionLimits.CONTROL_MAX_CONNECTIONS),
            TriggerSettings.from(s),
            optionalPath(s.string("controller.metadata-ca", "")),
            PredictSettings.from(s));
    s.logValues("controller");
    return config;
  }

  private static AllocationSettings allocation(Settings s) {
    double head = fraction(s, "controller.head-share", AllocationSettings.DEFAULTS.headShare());
    if (head > 1) throw new ConfigException("controller.head-share must be in [0, 1], was " + head);
    return new AllocationSettings(head, s.intValue("controller.prefix-segments", 900, 1, 100_000));
  }

  private static double fraction(Settings s, String key, double fallback) {
    String value = s.string(key, Double.toString(fallback));
    try {
      double v = Double.parseDouble(value);
      if (!(v >= 0 && v <= 1)) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number from 0 to 1, was '" + value + "'");
    }
  }

  /** A file setting; empty = none. */
  private static Path optionalPath(String value) {
    return value.isBlank() ? null : Path.of(value);
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
