package org.telcocdn.cache.allocation;

/** One edge of a site as the allocator sees it: its name and the bytes it may spend. */
public record EdgeSlot(String name, long capacityBytes) {
  public EdgeSlot {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("an edge needs a name");
    if (capacityBytes <= 0)
      throw new IllegalArgumentException(
          "edge " + name + " needs a positive capacity, was " + capacityBytes);
  }
}
