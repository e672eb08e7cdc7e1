package org.telcocdn.cache.replication;

/**
 * The headers of a peer's only-if-cached answer ({@code GET /internal/peer/videos/...},
 * docs/contracts.md): what the filling edge needs to store the copy as the holder has it.
 */
public final class PeerHeaders {
  /** The title's version the copy was admitted at. */
  public static final String VERSION = "X-Cache-Version";

  /** The origin's modification time in epoch milliseconds, finer than {@code Last-Modified}. */
  public static final String MODIFIED_MILLIS = "X-Last-Modified-Millis";

  private PeerHeaders() {}
}
