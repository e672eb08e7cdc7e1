package org.telcocdn.cache;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.ServiceRunner;

/** Starts one edge from the environment. */
public final class EdgeMain {
  private EdgeMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        "vid-cache", () -> EdgeServer.start(EdgeConfig.from(Settings.fromEnvironment())));
  }
}
