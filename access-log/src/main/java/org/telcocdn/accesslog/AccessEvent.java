package org.telcocdn.accesslog;

/**
 * What the edge's request path hands over per response: raw strings and numbers only, so the event
 * loop pays for one small object and a queue offer. Parsing (path, CMCD) and JSON happen on the
 * writer's thread ({@link AccessRecord#from}).
 *
 * @param cmcdHeaders the four CMCD header values (Object, Request, Session, Status) or null
 */
public record AccessEvent(
    long timeMillis,
    String method,
    String uri,
    String clientAddress,
    String[] cmcdHeaders,
    int status,
    long bytes,
    String cache,
    long ttfbNanos,
    long durationNanos) {}
