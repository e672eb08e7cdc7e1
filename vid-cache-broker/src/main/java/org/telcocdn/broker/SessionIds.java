package org.telcocdn.broker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telcocdn.common.http.Request;

/**
 * The player's session id, from the {@code sid} query parameter or CMCD's {@code sid} key (query
 * mode, {@code CMCD=...,sid="..."}, as hls.js sends it). Query only: a header would cost every
 * player a CORS preflight. Checked, since it ends up in a map key and the route JSON.
 */
final class SessionIds {
  private static final Pattern CMCD_SID = Pattern.compile("(?:^|,)sid=\"([^\"]*)\"");

  private SessionIds() {}

  static String of(Request request) {
    Optional<String> sid = request.queryParam("sid");
    if (sid.isEmpty()) {
      sid =
          request
              .queryParam("CMCD")
              .flatMap(
                  cmcd -> {
                    Matcher m = CMCD_SID.matcher(cmcd);
                    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
                  });
    }
    return sid.filter(SessionIds::valid).orElse(null);
  }

  /** {@code [A-Za-z0-9._:-]{1,64}}, checked by hand: this runs on every /play request. */
  static boolean valid(String sid) {
    if (sid.isEmpty() || sid.length() > 64) return false;
    for (int i = 0; i < sid.length(); i++) {
      char c = sid.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) return false;
    }
    return true;
  }
}
