package org.telcocdn.cli.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 prefix such as {@code 10.200.3.0/24}; the address is normalised to the network address.
 */
public record Ipv4Prefix(int network, int length) {
  private static final Pattern CIDR =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  public Ipv4Prefix {
    if (length < 0 || length > 32)
      throw new IllegalArgumentException("prefix length must be 0 to 32, was " + length);
    network &= mask(length);
  }

  /**
   * @throws IllegalArgumentException with the rule, for a caller to name the field
   */
  public static Ipv4Prefix parse(String text) {
    Matcher m = text == null ? null : CIDR.matcher(text.trim());
    if (m == null || !m.matches())
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 prefix like 10.1.0.0/24");
    int address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) throw new IllegalArgumentException("'" + text + "' has an octet above 255");
      address = address << 8 | octet;
    }
    return new Ipv4Prefix(address, Integer.parseInt(m.group(5)));
  }

  public boolean overlaps(Ipv4Prefix other) {
    int shorter = Math.min(length, other.length);
    return (network & mask(shorter)) == (other.network & mask(shorter));
  }

  /** Addresses in the prefix, the network and broadcast addresses included. */
  public long size() {
    return 1L << (32 - length);
  }

  /** The {@code i}-th address of the prefix (0 is the network address). */
  public String address(long i) {
    if (i < 0 || i >= size())
      throw new IllegalArgumentException("address " + i + " is outside " + this);
    return dotted(network + (int) i);
  }

  /** The {@code i}-th sub-prefix of the given length, e.g. the third /24 of a /16. */
  public Ipv4Prefix subnet(int i, int subLength) {
    if (subLength < length || (long) i << (32 - subLength) >= size()) {
      throw new IllegalArgumentException(this + " has no " + (i + 1) + "th /" + subLength);
    }
    return new Ipv4Prefix(network + (i << (32 - subLength)), subLength);
  }

  @Override
  public String toString() {
    return dotted(network) + "/" + length;
  }

  private static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  private static String dotted(int a) {
    return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
  }
}
