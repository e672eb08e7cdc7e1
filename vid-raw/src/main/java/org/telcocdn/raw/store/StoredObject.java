package org.telcocdn.raw.store;

import java.nio.file.Path;

/** One committed object with what HTTP and gRPC clients need to cache it. */
public record StoredObject(
    Path file, long size, String contentType, String etag, long lastModifiedMillis) {}
