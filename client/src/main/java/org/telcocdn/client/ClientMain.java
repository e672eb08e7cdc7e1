package org.telcocdn.client;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.ServiceRunner;

/** Serves the catalog and player pages; see {@link ClientConfig} for the keys. */
public final class ClientMain {
  private ClientMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        "client", () -> ClientServer.start(ClientConfig.from(Settings.fromEnvironment())));
  }
}
