package org.telcocdn.cache.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * What a response needs besides the bytes: the origin's type and validators, and the size. {@code
 * version} is the title's version this copy was admitted at (docs/replication.md): a copy older
 * than the version the edge knows is never served. Files written before versions existed read as 0.
 * {@code http} is the response of an HTTP origin (status, header lines, freshness); null for
 * vid-raw's objects, whose headers the edge makes itself.
 */
public record ObjectMeta(
    String path,
    String contentType,
    String etag,
    long lastModifiedMillis,
    long size,
    long version,
    @JsonInclude(JsonInclude.Include.NON_NULL) HttpMeta http) {

  public ObjectMeta(
      String path,
      String contentType,
      String etag,
      long lastModifiedMillis,
      long size,
      long version) {
    this(path, contentType, etag, lastModifiedMillis, size, version, null);
  }

  public ObjectMeta(
      String path, String contentType, String etag, long lastModifiedMillis, long size) {
    this(path, contentType, etag, lastModifiedMillis, size, 0, null);
  }

  public static ObjectMeta of(CacheKey key, ObjectInfo info, long version) {
    String type =
        info.getContentType().isEmpty() ? "application/octet-stream" : info.getContentType();
    String etag = info.getEtag().isEmpty() ? null : info.getEtag();
    return new ObjectMeta(
        key.path(), type, etag, info.getLastModifiedMillis(), info.getSize(), version);
  }

  /**
   * The same object's metadata with {@code size} bytes: once a response without Content-Length has
   * ended.
   */
  public ObjectMeta withSize(long bytes) {
    return new ObjectMeta(
        path,
        contentType,
        etag,
        lastModifiedMillis,
        bytes,
        version,
        http == null ? null : http.withTotal(http.offset() + bytes));
  }
}
