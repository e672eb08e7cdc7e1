package org.telcocdn.accesslog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How a client address appears in the log, the privacy transforms of Open Caching logging: {@code
 * full}, {@code masked} (IPv4 /24, IPv6 /48, the rest zeroed) or {@code hashed} (SHA-256 with a
 * per-deployment salt, first 16 hex digits: still joins one viewer's requests, names nobody).
 */
public enum ClientAddress {
  FULL,
  MASKED,
  HASHED;

  public static ClientAddress parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "client address mode must be full, masked or hashed, was '" + value + "'");
    }
  }

  public String apply(String address, String salt) {
    if (address == null) return null;
    return switch (this) {
      case FULL -> address;
      case MASKED -> mask(address);
      case HASHED -> hash(address, salt);
    };
  }

  static String mask(String address) {
    if (address.indexOf(':') >= 0) {
      String[] groups = address.split(":", -1);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < Math.min(3, groups.length); i++) out.append(groups[i]).append(':');
      return out.append(':').toString();
    }
    int last = address.lastIndexOf('.');
    return last < 0 ? "0.0.0.0" : address.substring(0, last) + ".0";
  }

  static String hash(String address, String salt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt.getBytes(StandardCharsets.UTF_8));
      byte[] digest = sha.digest(address.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
