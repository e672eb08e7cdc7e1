package org.telcocdn.cli.network;

/**
 * Where the simulated network takes its names and addresses. The defaults suit one machine: a
 * namespace per site called {@code cdn-SITE}, sites' /24s from 10.200.0.0/16, a /31 per link from
 * 10.201.0.0/16, and a /30 per site for the management path from 10.202.0.0/16. Change them when
 * these ranges are in use on the host.
 *
 * @param prefix of namespace names and of the host's management interfaces, at most 8 characters
 */
public record NetworkSettings(
    String prefix, String siteBlock, String linkBlock, String managementBlock) {
  public static final NetworkSettings DEFAULTS = new NetworkSettings(null, null, null, null);

  public NetworkSettings {
    prefix = prefix == null ? "cdn" : prefix;
    siteBlock = siteBlock == null ? "10.200.0.0/16" : siteBlock;
    linkBlock = linkBlock == null ? "10.201.0.0/16" : linkBlock;
    managementBlock = managementBlock == null ? "10.202.0.0/16" : managementBlock;
  }
}
