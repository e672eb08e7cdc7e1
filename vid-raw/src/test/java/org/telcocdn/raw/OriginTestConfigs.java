package org.telcocdn.raw;

import java.nio.file.Path;
import java.util.List;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/** Origin configurations for tests: ports 0, a fast x264 preset, a temporary store, real credentials. */
public final class OriginTestConfigs {
  public static final TestCredentials CREDS = TestCredentials.shared();

  private OriginTestConfigs() {}

  public static OriginConfig config(Path store, String metadataUrl, long maxUploadBytes, int chunkBytes) {
    return new OriginConfig("127.0.0.1", 0, 0, store, metadataUrl, "bundled", "bundled", 2,
        List.of(1080, 720, 480, 360), "ultrafast", maxUploadBytes, chunkBytes,
        SecurityConfig.from(Settings.of(CREDS.settings(ServiceRoles.ORIGIN, "vid-raw"))));
  }
}
