package org.telcocdn.accesslog;

/**
 * One request as the access log keeps it. JSON names follow the CDNI logging fields of RFC 7937
 * where one fits ({@code c-ip}, {@code cs-method}, {@code cs-uri}, {@code sc-status}, {@code
 * sc-total-bytes}), see {@link RecordJson}.
 *
 * @param time when the request arrived, epoch milliseconds
 * @param session CMCD {@code sid}, else null
 * @param content the video id from the path (CMCD {@code cid} when the path has none)
 * @param rendition e.g. {@code 720p}; null for the master playlist and posters
 * @param segment the media segment number, -1 when not a segment
 * @param cache HIT, MISS or PEER
 * @param ttfbMicros request arrival to the response head written
 * @param durationMicros request arrival to the last byte written
 */
public record AccessRecord(
    long time,
    String edge,
    String site,
    String client,
    String session,
    String content,
    String rendition,
    int segment,
    String method,
    String uri,
    int status,
    long bytes,
    String cache,
    long ttfbMicros,
    long durationMicros,
    Cmcd cmcd) {

  public static AccessRecord from(
      AccessEvent e, String edge, String site, ClientAddress mode, String salt) {
    return from(e, edge, site, mode.apply(e.clientAddress(), salt));
  }

  /** With the client address already in its logged form ({@link ClientAddress}). */
  static AccessRecord from(AccessEvent e, String edge, String site, String client) {
    String[] h = e.cmcdHeaders();
    int q = e.uri().indexOf('?');
    String path = q < 0 ? e.uri() : e.uri().substring(0, q);
    Cmcd cmcd = q >= 0 ? CmcdParser.fromQuery(e.uri().substring(q + 1)) : Cmcd.NONE;
    if (cmcd.isEmpty() && h != null) cmcd = CmcdParser.fromHeaders(h[0], h[1], h[2], h[3]);
    ObjectPath object = ObjectPath.parse(path);
    String content = object.content() != null ? object.content() : cmcd.contentId();
    return new AccessRecord(
        e.timeMillis(),
        edge,
        site,
        client,
        cmcd.sessionId(),
        content,
        object.rendition(),
        object.segment(),
        e.method(),
        path,
        e.status(),
        e.bytes(),
        e.cache(),
        e.ttfbNanos() / 1000,
        e.durationNanos() / 1000,
        cmcd);
  }

  /**
   * A response that delivered the object or confirmed the player's copy: 2xx (206 partial content
   * included) and 304 not modified. Popularity counts only these; a 404 for an id nobody has is a
   * request, not interest in a title.
   */
  public static boolean successful(int status) {
    return (status >= 200 && status <= 299) || status == 304;
  }

  public boolean isSuccessful() {
    return successful(status);
  }

  /** A media segment (not a playlist, init or poster). */
  public boolean isSegment() {
    return segment >= 0;
  }
}
