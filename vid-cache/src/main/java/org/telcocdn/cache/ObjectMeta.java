package org.telcocdn.cache;

import org.telcocdn.protocol.origin.ObjectInfo;

/** What a response needs besides the bytes: the origin's type and validators, and the size. */
public record ObjectMeta(String path, String contentType, String etag, long lastModifiedMillis, long size) {

  static ObjectMeta of(CacheKey key, ObjectInfo info) {
    String type = info.getContentType().isEmpty() ? "application/octet-stream" : info.getContentType();
    String etag = info.getEtag().isEmpty() ? null : info.getEtag();
    return new ObjectMeta(key.path(), type, etag, info.getLastModifiedMillis(), info.getSize());
  }
}
