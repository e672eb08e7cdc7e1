package org.telcocdn.common.http;

/**
 * Serves one route. Runs on a virtual thread, so it may block (JDBC, a gRPC call, a child process),
 * unless its route is {@link Dispatch#EVENT_LOOP}; it throws {@link ApiException} for a request it
 * refuses.
 */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
