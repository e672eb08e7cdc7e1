/**
 * The simulated telco network of a topology with sites, as values only (nothing here touches the
 * host): {@link org.telcocdn.cli.network.SiteNetwork} resolves and validates sites ({@link
 * org.telcocdn.cli.network.Site}, kinds in {@link org.telcocdn.cli.network.NodeKind}, cache
 * parents), client groups ({@link org.telcocdn.cli.network.ClientGroup}), links with their specs
 * ({@link org.telcocdn.cli.network.LinkEntry} as written, {@link org.telcocdn.cli.network.Link}
 * resolved), every service's address, and the routes ({@code Routes}: shortest paths by delay,
 * around cut links). {@code org.telcocdn.cli.netns} builds it on Linux; a Kubernetes rendering can
 * read the same values. See docs/topology.md.
 */
package org.telcocdn.cli.network;
