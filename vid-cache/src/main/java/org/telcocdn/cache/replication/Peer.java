package org.telcocdn.cache.replication;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Another edge of this site, as the broker (or {@code edge.site-peers}) lists it; {@code url} is
 * its control listener.
 */
record Peer(String name, String url) {

  /** {@code {url}/internal/...}, with the object path percent-encoded where it must be. */
  URI uri(String path) {
    try {
      URI base = URI.create(url);
      return new URI(base.getScheme(), base.getRawAuthority(), path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot address " + path + " at " + url, e);
    }
  }
}
