package org.telcocdn.index;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.ServiceRunner;

/** Starts one cache-index member from the environment (see {@link IndexConfig} for the keys). */
public final class IndexMain {
  private IndexMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        "cache-index", () -> IndexServer.start(IndexConfig.from(Settings.fromEnvironment())));
  }
}
