package org.telcocdn.broker;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.UriSigningPackage;
import org.telcocdn.common.service.OpenResources;
import org.telcocdn.urisigning.KeyFileWatcher;
import org.telcocdn.urisigning.SigningKeys;
import org.telcocdn.urisigning.TitleTokens;
import org.telcocdn.urisigning.ViewerTokenSigner;

/**
 * The edge URLs the broker hands out, signed (RFC 9246) when a key set is configured: {@code
 * {edge}/videos/{id};URISigningPackage={jwt}/{path}}. The token sits in the id's segment, so the
 * playlists' relative URIs ({@code 720p/playlist.m3u8}, {@code seg_00001.m4s}) resolve under it and
 * carry it with no rewriting, and it covers the title on every edge: the alternates' URLs carry the
 * same one. {@code /play} redirects and {@code /api/route} answers get tokens of different
 * lifetimes ({@link UrlSigningConfig}). The key file is reloaded when {@code cdn keys} changes it.
 */
final class ViewerUrls {
  private static final Logger log = LoggerFactory.getLogger(ViewerUrls.class);

  /** Titles whose current tokens are kept; more are simply signed again. */
  private static final long MAX_TITLES = 100_000;

  /** Which kind of answer a URL is for. */
  enum Use {
    REDIRECT,
    ROUTE
  }

  private final TitleTokens redirects;
  private final TitleTokens routes;

  private ViewerUrls(TitleTokens redirects, TitleTokens routes) {
    this.redirects = redirects;
    this.routes = routes;
  }

  /** Unsigned URLs: signing is off. */
  static ViewerUrls unsigned() {
    return new ViewerUrls(null, null);
  }

  /**
   * Reads the key set now (a missing or bad file fails the start) and watches it; the watcher goes
   * to {@code opened}.
   */
  static ViewerUrls of(UrlSigningConfig config, Clock clock, OpenResources opened) {
    if (!config.enabled()) {
      log.warn(
          "security.url-signing.private-keys is not set: viewer URLs are not signed, and edges that verify will refuse them");
      return unsigned();
    }
    KeyFileWatcher<SigningKeys> keys =
        opened.add(KeyFileWatcher.open(config.privateKeys(), SigningKeys::parse));
    ViewerTokenSigner signer = new ViewerTokenSigner(keys.initial());
    keys.start(config.reloadInterval(), signer::keys);
    log.info(
        "signing viewer URLs with key {} from {}",
        signer.currentKid(clock.instant()),
        config.privateKeys());
    return new ViewerUrls(
        new TitleTokens(signer, config.redirectTtl(), clock, MAX_TITLES),
        new TitleTokens(signer, config.ttl(), clock, MAX_TITLES));
  }

  boolean signed() {
    return routes != null;
  }

  /** The token for {@code videoId}'s URLs in one answer; null when signing is off. */
  String token(String videoId, Use use) {
    if (!signed()) return null;
    return (use == Use.REDIRECT ? redirects : routes).token(videoId);
  }

  /**
   * {@code {edge}/videos/{id}[;URISigningPackage={token}]}: the base every object path of the title
   * goes under.
   */
  static StringBuilder titleBase(Edge edge, String id, String token, int extra) {
    StringBuilder url =
        new StringBuilder(
                edge.url().length()
                    + id.length()
                    + extra
                    + 16
                    + (token == null ? 0 : token.length() + 20))
            .append(edge.url())
            .append("/videos/")
            .append(id);
    if (token != null)
      url.append(';').append(UriSigningPackage.ATTRIBUTE).append('=').append(token);
    return url;
  }
}
