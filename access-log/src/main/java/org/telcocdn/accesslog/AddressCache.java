package org.telcocdn.accesslog;

/**
 * The writer thread's memory of recent client-address transforms: a viewer's requests come from one
 * address, and hashing (SHA-256) or masking it anew for every segment costs more than the rest of
 * the record. Direct-mapped, {@value #SLOTS} slots, one thread only (no locks); a collision just
 * recomputes.
 */
final class AddressCache {
  private static final int SLOTS = 1024;

  private final ClientAddress mode;
  private final String salt;
  private final String[] keys = new String[SLOTS];
  private final String[] values = new String[SLOTS];

  AddressCache(ClientAddress mode, String salt) {
    this.mode = mode;
    this.salt = salt;
  }

  String apply(String address) {
    if (address == null || mode == ClientAddress.FULL) return address;
    int slot = address.hashCode() & (SLOTS - 1);
    if (address.equals(keys[slot])) return values[slot];
    String value = mode.apply(address, salt);
    keys[slot] = address;
    values[slot] = value;
    return value;
  }
}
