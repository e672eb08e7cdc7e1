package org.telcocdn.common.security;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.security.Caller;
import org.telcocdn.security.Operator;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.TokenRejected;
import org.telcocdn.security.TokenVerifier;

/**
 * Turns what a control request carries into its {@link Caller}: the client certificate of the TLS
 * session (already chained to the internal CA by the handshake) and an {@code Authorization:
 * Bearer} token. A token, when present, decides: the client service forwards the operator page's
 * calls with the operator's token, and what the operator may do is what counts. A token that does
 * not verify is a 401 even with a good certificate, so a mistake is never silently downgraded to
 * the service's rights.
 */
public final class Credentials {
  private static final String BEARER = "Bearer ";

  private final TokenVerifier tokens;

  public Credentials(TokenVerifier tokens) {
    this.tokens = tokens;
  }

  public Caller identify(SSLSession session, String authorization) {
    ServiceIdentity service = session == null ? null : certified(session).orElse(null);
    if (authorization != null) return operator(authorization, service);
    return service == null ? Caller.ANONYMOUS : new Caller.Service(service);
  }

  /** The identity of the session's client certificate, if it sent one that names a service. */
  public static Optional<ServiceIdentity> certified(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf
          ? ServiceIdentity.of(leaf)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  private Caller operator(String authorization, ServiceIdentity via) {
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ApiException.unauthenticated("the Authorization header must be 'Bearer <token>'");
    }
    try {
      Operator operator = tokens.verify(authorization.substring(BEARER.length()).strip());
      return new Caller.OperatorCall(operator, via);
    } catch (TokenRejected e) {
      throw ApiException.unauthenticated("bearer token refused: " + e.getMessage());
    }
  }
}
