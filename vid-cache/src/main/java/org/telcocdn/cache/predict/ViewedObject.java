package org.telcocdn.cache.predict;

import org.telcocdn.accesslog.Cmcd;
import org.telcocdn.accesslog.CmcdParser;
import org.telcocdn.common.video.VideoId;
import org.telcocdn.predict.signal.EdgeSignals;

/**
 * What the model reads of a viewer request, parsed on the predictor's thread: {@code
 * /videos/{id}[;URISigningPackage=...]/{rendition}/{file}[?CMCD=...]}. Anything else is null.
 *
 * @param segment the media segment's number, or -1 for another file of the rendition (its init
 *     segment, its playlist)
 */
record ViewedObject(
    String videoId, String rendition, String file, int segment, EdgeSignals.Cmcd cmcd) {
  private static final String PREFIX = "/videos/";

  static ViewedObject of(ViewerRequest request) {
    String uri = request.uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    int idEnd = path.indexOf('/', PREFIX.length());
    if (idEnd < 0) return null;
    int renditionEnd = path.indexOf('/', idEnd + 1);
    if (renditionEnd < 0 || path.indexOf('/', renditionEnd + 1) >= 0) return null;
    String id = path.substring(PREFIX.length(), idEnd);
    int semicolon = id.indexOf(';');
    if (semicolon >= 0) id = id.substring(0, semicolon);
    if (!VideoId.isValid(id)) return null;
    String file = path.substring(renditionEnd + 1);
    if (file.isEmpty()) return null;
    Cmcd cmcd =
        request.cmcd() != null
            ? CmcdParser.fromHeaders(
                request.cmcd()[0], request.cmcd()[1], request.cmcd()[2], request.cmcd()[3])
            : CmcdParser.fromQuery(query < 0 ? null : uri.substring(query + 1));
    return new ViewedObject(
        id,
        path.substring(idEnd + 1, renditionEnd),
        file,
        SegmentNames.number(file),
        signals(cmcd));
  }

  /**
   * CTA-5004 {@code st=l}, {@code su}, {@code bl} and {@code sid} as the model's features read
   * them.
   */
  private static EdgeSignals.Cmcd signals(Cmcd cmcd) {
    if (cmcd.isEmpty()) return null;
    String sid = cmcd.sessionId();
    long buffer = cmcd.integer("bl");
    return new EdgeSignals.Cmcd(
        "l".equals(cmcd.string("st")),
        cmcd.flag("su"),
        buffer < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, buffer),
        sid == null ? 0 : sessionHash(sid));
  }

  /** Spread over 64 bits (the low six pick the session's bit); never 0, which means none. */
  private static long sessionHash(String sid) {
    long h = sid.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    return h == 0 ? 1 : h;
  }
}
