package org.telcocdn.cache.tier;

import java.net.URI;

/**
 * One cache of a parent site: its name (what {@code X-Served-By} and the metrics say) and its
 * control listener, where it serves tier fills ({@code https://10.200.3.10:7101}).
 */
public record Parent(String name, URI controlUrl) {
  URI object(String videoId, String path) {
    return controlUrl.resolve("/internal/tier/videos/" + videoId + "/" + path);
  }
}
