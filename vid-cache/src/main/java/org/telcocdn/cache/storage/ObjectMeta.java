package org.telcocdn.cache.storage;

import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * What a response needs besides the bytes: the origin's type and validators, and the size. {@code
 * version} is the title's version this copy was admitted at (docs/replication.md): a copy older than
 * the version the edge knows is never served. Files written before versions existed read as 0.
 */
public record ObjectMeta(String path, String contentType, String etag, long lastModifiedMillis, long size, long version) {

  public ObjectMeta(String path, String contentType, String etag, long lastModifiedMillis, long size) {
    this(path, contentType, etag, lastModifiedMillis, size, 0);
  }

  public static ObjectMeta of(CacheKey key, ObjectInfo info, long version) {
    String type = info.getContentType().isEmpty() ? "application/octet-stream" : info.getContentType();
    String etag = info.getEtag().isEmpty() ? null : info.getEtag();
    return new ObjectMeta(key.path(), type, etag, info.getLastModifiedMillis(), info.getSize(), version);
  }
}
