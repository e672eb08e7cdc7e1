package org.telcocdn.cache.policy;

/** How a cache's key type reveals title, rendition and segment index. */
@FunctionalInterface
public interface SegmentShape<K> {
  SegmentKey of(K key);
}
