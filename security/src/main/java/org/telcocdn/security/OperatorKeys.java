package org.telcocdn.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' public keys, {@code operator-keys.json} (a JWK set), read again when the file
 * changes (checked at most once per {@link #CHECK_MILLIS}), so a rotated key is accepted, and a
 * removed one refused, without restarting the service. A file that cannot be read or parsed keeps
 * the last good set, with a warning: a half-written file must not lock every operator out.
 */
public final class OperatorKeys implements Supplier<JWKSet> {
  private static final Logger log = LoggerFactory.getLogger(OperatorKeys.class);
  static final long CHECK_MILLIS = 1_000;

  private final Path file;
  private volatile JWKSet keys;
  private volatile FileTime modified;
  private volatile long checkedAt;

  private OperatorKeys(Path file) {
    this.file = file;
  }

  /** Reads the file now; fails when it cannot be read, so a service never starts without keys. */
  public static OperatorKeys load(Path file) {
    OperatorKeys keys = new OperatorKeys(file);
    try {
      keys.modified = Files.getLastModifiedTime(file);
      keys.keys = JWKSet.parse(Files.readString(file));
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException(
          "operator keys " + file + " cannot be read as a JWK set: " + e.getMessage(), e);
    }
    keys.checkedAt = System.currentTimeMillis();
    return keys;
  }

  /** The public JWK set, for writing {@code operator-keys.json}. */
  public static String json(JWKSet publicKeys) {
    return publicKeys.toString(true);
  }

  @Override
  public JWKSet get() {
    long now = System.currentTimeMillis();
    if (now - checkedAt >= CHECK_MILLIS) reloadIfChanged(now);
    return keys;
  }

  private synchronized void reloadIfChanged(long now) {
    if (now - checkedAt < CHECK_MILLIS) return;
    checkedAt = now;
    try {
      FileTime time = Files.getLastModifiedTime(file);
      if (time.equals(modified)) return;
      keys = JWKSet.parse(Files.readString(file));
      modified = time;
      log.info("operator keys reloaded from {}: {} keys", file, keys.getKeys().size());
    } catch (IOException | ParseException e) {
      log.warn(
          "operator keys {} cannot be read again, keeping the last good set: {}",
          file,
          e.getMessage());
    }
  }
}
