package org.telcocdn.cache;

import java.nio.file.Path;
import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Signed viewer URLs on this edge (docs/security.md, "Signed viewer URLs"): with a public key set,
 * every object request must carry a valid token for its title, else 403; without one ({@code
 * security.url-signing.public-keys} empty) objects are served to anyone, as before. Keys and
 * defaults: docs/configuration.md ("vid-cache").
 *
 * @param publicKeys the JWK set {@code cdn up} writes to {@code dataDir/secrets/viewer-keys.json};
 *     null = off
 * @param cacheSize verified tokens kept (one per title and broker window, not per viewer)
 * @param reloadInterval how often the key file is checked for a rotation or a retired key
 */
public record UrlSigningConfig(Path publicKeys, int cacheSize, Duration reloadInterval) {
  public UrlSigningConfig {
    if (reloadInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException(
          "security.url-signing.reload-interval must be at least 1s, was " + reloadInterval);
    }
  }

  public static UrlSigningConfig from(Settings s) {
    String keys = s.string("security.url-signing.public-keys", "");
    return new UrlSigningConfig(
        keys.isBlank() ? null : Path.of(keys),
        s.intValue("security.url-signing.cache-size", 20_000, 16, 10_000_000),
        s.duration("security.url-signing.reload-interval", Duration.ofSeconds(5)));
  }

  public boolean enabled() {
    return publicKeys != null;
  }
}
