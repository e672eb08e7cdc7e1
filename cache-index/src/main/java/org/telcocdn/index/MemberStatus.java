package org.telcocdn.index;

import java.util.List;

/**
 * What one member says of itself on {@code GET /status}: the JSON that {@code cdn index status}
 * merges across members. {@code members} is the group configuration as this member has it.
 */
public record MemberStatus(
    String id,
    long pid,
    String role,
    long term,
    String leader,
    long appliedIndex,
    long snapshotIndex,
    long commitIndex,
    long logStartIndex,
    String address,
    String http,
    List<IndexPeer> members) {}
