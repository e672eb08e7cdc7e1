package org.telcocdn.cli.network;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A link once resolved: its spec complete, its interface name ({@code l} + index, the same at both
 * ends) and its /31 ({@code aAddress} at a's end, {@code bAddress} at b's).
 */
public record Link(
    String a, String b, LinkSpec spec, @JsonIgnore int index, String aAddress, String bAddress) {
  /**
   * The veth at either end; the delay line's tun for packets arriving over it is {@link #tun()}.
   */
  public String device() {
    return "l" + index;
  }

  public String tun() {
    return "d" + index;
  }

  public boolean joins(String x, String y) {
    return a.equals(x) && b.equals(y) || a.equals(y) && b.equals(x);
  }

  /** The end that is not {@code node}. */
  public String other(String node) {
    return a.equals(node) ? b : a;
  }

  /** This link's address at {@code node}'s end. */
  public String addressAt(String node) {
    return a.equals(node) ? aAddress : bAddress;
  }

  public String label() {
    return a + "–" + b;
  }
}
