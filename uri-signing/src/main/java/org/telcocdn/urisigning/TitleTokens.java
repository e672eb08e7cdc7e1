package org.telcocdn.urisigning;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The broker's tokens, one per title at a time. A token names a title, not a viewer (no client
 * address, no session), so every viewer routed to a title within a tenth of {@code ttl} gets the
 * same one: the broker signs once per title per window instead of once per decision (an ES256
 * signature costs tens of microseconds, a routing decision a few), and edges verify and cache one
 * token per title instead of one per viewer. Each viewer still gets at least nine tenths of {@code
 * ttl}. A key rotation takes effect at once: a token of a key that no longer signs is not handed
 * out again.
 */
public final class TitleTokens {
  /** A token as issued: by which key, when. */
  private record Issued(String token, String kid) {}

  private final ViewerTokenSigner signer;
  private final Duration ttl;
  private final Clock clock;
  private final Cache<String, Issued> issued;

  /**
   * @param maxTitles titles whose current token is kept; past that the least recently routed is
   *     signed anew
   */
  public TitleTokens(ViewerTokenSigner signer, Duration ttl, Clock clock, long maxTitles) {
    this.signer = signer;
    this.ttl = ttl;
    this.clock = clock;
    this.issued =
        Caffeine.newBuilder()
            .maximumSize(maxTitles)
            .expireAfterWrite(ttl.dividedBy(10))
            .ticker(() -> clock.millis() * 1_000_000L)
            .build();
  }

  /** A token for every object of {@code videoId}, valid for at least nine tenths of the ttl. */
  public String token(String videoId) {
    Instant now = clock.instant();
    String kid = signer.currentKid(now);
    Issued current = issued.get(videoId, id -> issue(id, now));
    if (!current.kid().equals(kid)) {
      current = issue(videoId, now);
      issued.put(videoId, current);
    }
    return current.token();
  }

  public Duration ttl() {
    return ttl;
  }

  private Issued issue(String videoId, Instant now) {
    return new Issued(signer.sign(videoId, now, ttl), signer.currentKid(now));
  }
}
