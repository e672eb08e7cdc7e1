package org.telcocdn.broker;

import java.nio.file.Path;
import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Signed viewer URLs (docs/security.md, "Signed viewer URLs"): with a private key set the broker
 * signs every edge URL it hands out; without one ({@code security.url-signing.private-keys} empty)
 * it hands out plain URLs, and edges that verify refuse them. Keys and defaults:
 * docs/configuration.md ("vid-cache-broker").
 *
 * @param privateKeys the JWK set {@code cdn up} writes to {@code
 *     dataDir/secrets/viewer-signing.json}; null = off
 * @param ttl lifetime of the tokens in {@code /api/route}'s URLs: the player page asks again every
 *     10 s and moves to the newest token, so these can be short
 * @param redirectTtl lifetime of the tokens in {@code /play}'s redirects: a player that only
 *     follows a redirect (ffmpeg, a set-top box) never renews, so this must outlast its session
 * @param reloadInterval how often the key file is checked for a rotation
 */
public record UrlSigningConfig(
    Path privateKeys, Duration ttl, Duration redirectTtl, Duration reloadInterval) {
  public UrlSigningConfig {
    for (Duration d : new Duration[] {ttl, redirectTtl, reloadInterval}) {
      if (d.isNegative() || d.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ConfigException("security.url-signing durations must be at least 1s, was " + d);
      }
    }
  }

  public static UrlSigningConfig none() {
    return new UrlSigningConfig(
        null, Duration.ofMinutes(10), Duration.ofHours(4), Duration.ofSeconds(5));
  }

  public static UrlSigningConfig from(Settings s) {
    String keys = s.string("security.url-signing.private-keys", "");
    return new UrlSigningConfig(
        keys.isBlank() ? null : Path.of(keys),
        s.duration("security.url-signing.ttl", Duration.ofMinutes(10)),
        s.duration("security.url-signing.redirect-ttl", Duration.ofHours(4)),
        s.duration("security.url-signing.reload-interval", Duration.ofSeconds(5)));
  }

  public boolean enabled() {
    return privateKeys != null;
  }

  /** These settings signing with the key set in {@code file} (tests). */
  public UrlSigningConfig withKeys(Path file) {
    return new UrlSigningConfig(file, ttl, redirectTtl, reloadInterval);
  }
}
