package org.telcocdn.cache;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.serving.ViewerAccess;
import org.telcocdn.common.service.OpenResources;
import org.telcocdn.urisigning.KeyFileWatcher;
import org.telcocdn.urisigning.VerificationKeys;
import org.telcocdn.urisigning.ViewerTokenVerifier;

/** How the edge checks viewers' signed URLs (RFC 9246), from {@code security.url-signing.*}. */
final class ViewerSigning {
  private static final Logger log = LoggerFactory.getLogger(ViewerSigning.class);

  private ViewerSigning() {}

  /**
   * With a public key set, object requests need a signed URL; the key file is watched, so a
   * rotation or a retired key takes effect without a restart. A missing or unreadable key file
   * fails the start.
   */
  static ViewerAccess access(UrlSigningConfig signing, EdgeMetrics metrics, OpenResources opened) {
    if (!signing.enabled()) {
      log.warn(
          "security.url-signing.public-keys is not set: objects are served without a signed URL");
      return ViewerAccess.open();
    }
    KeyFileWatcher<VerificationKeys> keys =
        opened.add(KeyFileWatcher.open(signing.publicKeys(), VerificationKeys::parse));
    ViewerTokenVerifier verifier =
        new ViewerTokenVerifier(keys.initial(), signing.cacheSize(), Clock.systemUTC());
    keys.start(signing.reloadInterval(), verifier::keys);
    log.info(
        "object requests need a signed URL; keys {} from {}",
        keys.initial().kids(),
        signing.publicKeys());
    return ViewerAccess.verifying(verifier, metrics.registry());
  }
}
