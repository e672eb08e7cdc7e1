package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * An edge's answer about one preposition job ({@code /internal/preposition}, docs/continuum.md):
 * {@code state} is checking, running, done, failed, refused, cancelled or expired (its window
 * ended); {@code source} where its objects came from ({@code origin}, {@code parent:NAME}, {@code
 * peer:NAME}, {@code held}, {@code mixed}, or before any, the planned {@code parents}, {@code
 * origin} or {@code peer:NAME}), {@code sources} objects done per source and {@code sourceBytes}
 * their bytes. An edge of before these sends none of them: null and empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EdgeJob(
    String job,
    String state,
    long objects,
    long bytes,
    long objectsDone,
    long bytesDone,
    long failedObjects,
    String reason,
    String source,
    Map<String, Long> sources,
    Map<String, Long> sourceBytes) {}
