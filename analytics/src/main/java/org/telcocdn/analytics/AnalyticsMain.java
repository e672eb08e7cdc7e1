package org.telcocdn.analytics;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.ServiceRunner;

/** The analytics service; see {@link AnalyticsConfig} for the keys. */
public final class AnalyticsMain {
  private AnalyticsMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        "analytics", () -> AnalyticsServer.start(AnalyticsConfig.from(Settings.fromEnvironment())));
  }
}
