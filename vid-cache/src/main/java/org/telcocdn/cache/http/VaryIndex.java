package org.telcocdn.cache.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Map;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.ObjectMeta;

/**
 * Which request fields select among an URL's stored variants: the names of the {@code Vary} of its
 * latest stored response, by URL key. A request's key is the URL's plus its values of these fields;
 * an URL absent here has no variants (its one key is the URL's). Bounded: an URL that falls out is
 * looked up without variants, misses, and is learned again from the origin's next response. Filled
 * from the disk tier's objects at start-up, so a restart forgets nothing.
 */
public final class VaryIndex {
  private final Cache<CacheKey, List<String>> names;

  public VaryIndex(long maxUrls) {
    this.names = Caffeine.newBuilder().maximumSize(maxUrls).executor(Runnable::run).build();
  }

  /** The selecting field names of {@code url}, or null when it has no variants. */
  public List<String> of(CacheKey url) {
    return names.getIfPresent(url);
  }

  /** Records the {@code Vary} names of a response stored for {@code url}; none clears them. */
  public void learn(CacheKey url, List<String> vary) {
    if (vary.isEmpty()) names.invalidate(url);
    else names.put(url, List.copyOf(vary));
  }

  /** Learns what the stored objects vary on (at start-up, from the disk tier). */
  public void learnAll(Map<CacheKey, ObjectMeta> stored) {
    stored.forEach(
        (key, meta) -> {
          if (meta.http() != null && HttpKeys.isHttp(key)) {
            List<String> vary = ResponseRules.varyNames(meta.http().headers());
            if (!vary.isEmpty()) learn(new CacheKey(key.videoId(), HttpKeys.url(key.path())), vary);
          }
        });
  }

  public void forget(CacheKey url) {
    names.invalidate(url);
  }
}
