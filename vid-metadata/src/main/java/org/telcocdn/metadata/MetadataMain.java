package org.telcocdn.metadata;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.service.ServiceRunner;

/** The vid-metadata process: the catalog of videos. */
public final class MetadataMain {
  private MetadataMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        MetadataConfig.SERVICE,
        () -> MetadataServer.start(MetadataConfig.from(Settings.fromEnvironment())));
  }
}
