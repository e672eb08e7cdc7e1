package org.telcocdn.security;

import java.util.Locale;

/**
 * An operator's role, carried in the {@code role} claim of a bearer token. Ordered: each role may
 * do what the ones below it may ({@code admin} > {@code operator} > {@code readonly}), as Traffic
 * Ops' privilege levels.
 */
public enum OperatorRole {
  /** Reads dashboards, listings and metrics; changes nothing. */
  READONLY,
  /**
   * Day-to-day changes: invalidations, catalog writes, ingest, recomputing allocations, index
   * membership.
   */
  OPERATOR,
  /**
   * Everything, including what can take service away (removing an edge's record, fault injection).
   */
  ADMIN;

  /** Whether this role may do what {@code required} may. */
  public boolean allows(OperatorRole required) {
    return ordinal() >= required.ordinal();
  }

  /** The lower-case name used in tokens and on the command line. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OperatorRole parse(String value) {
    if (value != null) {
      for (OperatorRole role : values()) {
        if (role.wire().equals(value)) return role;
      }
    }
    throw new IllegalArgumentException(
        "role must be one of admin, operator, readonly; was '" + value + "'");
  }
}
