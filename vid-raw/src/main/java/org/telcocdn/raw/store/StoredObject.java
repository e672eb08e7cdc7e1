package org.telcocdn.raw.store;

import java.nio.file.Path;

/**
 * One committed object with what HTTP and gRPC clients need to cache it; {@code sha256} is the
 * digest from the video's {@link HashManifest}, or null if the manifest does not name the object.
 */
public record StoredObject(
    Path file,
    long size,
    String contentType,
    String etag,
    long lastModifiedMillis,
    byte[] sha256) {}
