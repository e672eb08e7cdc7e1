package org.telcocdn.raw.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.security.Credentials;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;

/**
 * Only edges call the origin's gRPC port ({@code Fetch}, {@code Stat}, {@code Manifest}). The port
 * speaks only mutual TLS with the internal CA's certificates ({@code TlsMaterial.grpcServer()}),
 * which keeps out anyone without one; this keeps out the other services the same CA issued
 * certificates to, so a stolen broker or analytics key does not read the whole library. A refused
 * call ends with {@code PERMISSION_DENIED}, logged with the caller.
 */
public final class OriginCallers implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(OriginCallers.class);

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    Optional<ServiceIdentity> caller =
        caller(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    if (caller.isPresent() && ServiceRoles.EDGE.equals(caller.get().role())) {
      return next.startCall(call, headers);
    }
    String who = caller.map(ServiceIdentity::uri).orElse("a caller without a service identity");
    log.warn(
        "refused {} from {}: only {} may call the origin",
        call.getMethodDescriptor().getFullMethodName(),
        who,
        ServiceRoles.EDGE);
    call.close(
        Status.PERMISSION_DENIED.withDescription(who + " may not call the origin"), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** The identity in the client certificate of the call's TLS session, if any. */
  private static Optional<ServiceIdentity> caller(SSLSession session) {
    return session == null ? Optional.empty() : Credentials.certified(session);
  }
}
