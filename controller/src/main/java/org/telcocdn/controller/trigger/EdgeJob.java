package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An edge's answer about one preposition job ({@code /internal/preposition}, docs/continuum.md):
 * {@code state} is checking, running, done, failed, refused, cancelled or expired (its window
 * ended).
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
    String reason) {}
