package org.telcocdn.raw;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.ServiceRunner;

/** Starts the origin from the environment (docs/configuration.md). */
public final class OriginMain {
  private OriginMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        "vid-raw", () -> OriginServer.start(OriginConfig.from(Settings.fromEnvironment())));
  }
}
