package org.telcocdn.broker;

/**
 * One request for an edge: the video, the client's address, the player's session id (CMCD {@code
 * sid} or the {@code sid} query parameter; null if the player sent none) and the client's site if
 * it said so ({@code X-Client-Site}, for tests and for trusted front ends).
 */
public record RouteRequest(String videoId, String client, String sessionId, String clientSite) {

  /** The key the session counts under: the player's own id, else the (client, video) pair. */
  public String sessionKey() {
    return sessionId != null ? "sid:" + sessionId + "|" + videoId : client + "|" + videoId;
  }
}
