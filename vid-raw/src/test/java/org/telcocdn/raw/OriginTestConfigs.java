package org.telcocdn.raw;

import java.nio.file.Path;
import java.util.List;

/** Origin configurations for tests: ports 0, a fast x264 preset, a temporary store. */
public final class OriginTestConfigs {
  private OriginTestConfigs() {}

  public static OriginConfig config(
      Path store, String metadataUrl, long maxUploadBytes, int chunkBytes) {
    return config(store, metadataUrl, maxUploadBytes, chunkBytes, defaultTranscode(1, 3));
  }

  public static OriginConfig config(
      Path store,
      String metadataUrl,
      long maxUploadBytes,
      int chunkBytes,
      OriginConfig.Transcode transcode) {
    return new OriginConfig(
        "127.0.0.1",
        0,
        0,
        store,
        metadataUrl,
        "bundled",
        "bundled",
        2,
        List.of(1080, 720, 480, 360),
        "ultrafast",
        maxUploadBytes,
        chunkBytes,
        transcode);
  }

  /** The default priority and threads, with this queue. */
  public static OriginConfig.Transcode defaultTranscode(int concurrency, int backlog) {
    return new OriginConfig.Transcode(
        OriginConfig.Transcode.DEFAULT_NICE,
        OriginConfig.Transcode.DEFAULT_SCHEDULER,
        OriginConfig.Transcode.DEFAULT_OWN_SESSION,
        OriginConfig.Transcode.defaultThreads(),
        concurrency,
        backlog);
  }
}
