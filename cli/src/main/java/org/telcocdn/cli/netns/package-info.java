/**
 * The simulated network on this Linux host: {@link org.telcocdn.cli.netns.NamespacePlan} turns a
 * {@link org.telcocdn.cli.network.SiteNetwork} into host commands (namespaces, veth pairs, tbf, the
 * tc redirect to tun devices, nftables loss rules, routes); {@link
 * org.telcocdn.cli.netns.EmulatedNetwork} runs them in order and records each step in {@link
 * org.telcocdn.cli.netns.NetworkState}; the delay line ({@link
 * org.telcocdn.cli.netns.DelayLineMain}, {@code DelayLine}, {@code PacketQueue}, {@code Tun}) holds
 * every link's packets for its delay; {@link org.telcocdn.cli.netns.LinkProbe} measures a link from
 * both ends, entering namespaces per thread ({@link org.telcocdn.cli.netns.NetNamespace}); the
 * Linux calls go through the FFM API ({@code Syscalls}). Needs root. See docs/topology.md.
 */
package org.telcocdn.cli.netns;
