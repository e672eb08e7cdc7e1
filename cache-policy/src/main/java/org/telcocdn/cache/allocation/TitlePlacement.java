package org.telcocdn.cache.allocation;

/**
 * Where one title of a site goes.
 *
 * @param owner the edge holding it whole (or its prefix), the one other edges fill from; for {@link
 *     PlacementReason#NO_ROOM} the edge whose own policy may keep it
 * @param bytes bytes planned for it on its owner
 * @param copyBytes bytes planned for it on each other edge: its prefix for a head title, else 0
 */
public record TitlePlacement(
    String title,
    PlacementReason reason,
    String owner,
    long bytes,
    long copyBytes,
    double requests) {}
