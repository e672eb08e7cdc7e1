package org.telcocdn.broker;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.ServiceRunner;

/** Starts the broker from the environment (see {@link BrokerConfig} for the keys). */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        "vid-cache-broker",
        () -> BrokerServer.start(BrokerConfig.from(Settings.fromEnvironment())));
  }
}
