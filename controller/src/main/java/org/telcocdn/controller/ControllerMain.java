package org.telcocdn.controller;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.ServiceRunner;

/** The streaming controller; see {@link ControllerConfig} for the keys. */
public final class ControllerMain {
  private ControllerMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        "controller",
        () -> ControllerServer.start(ControllerConfig.from(Settings.fromEnvironment())));
  }
}
