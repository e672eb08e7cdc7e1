package org.telcocdn.raw.ingest;

import java.util.List;
import org.telcocdn.raw.media.Rendition;

/**
 * The body of {@code POST /api/videos} on vid-metadata (docs/contracts.md), for a committed video.
 */
public record VideoRegistration(
    String id,
    String name,
    List<String> tags,
    String fileType,
    double durationSeconds,
    List<Rendition> renditions) {}
