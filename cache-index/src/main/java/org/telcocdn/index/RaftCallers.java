package org.telcocdn.index;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSession;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.server.GrpcServices;
import org.apache.ratis.thirdparty.io.grpc.Grpc;
import org.apache.ratis.thirdparty.io.grpc.Metadata;
import org.apache.ratis.thirdparty.io.grpc.ServerCall;
import org.apache.ratis.thirdparty.io.grpc.ServerCallHandler;
import org.apache.ratis.thirdparty.io.grpc.ServerInterceptor;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.apache.ratis.thirdparty.io.grpc.netty.NettyServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.security.Credentials;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;

/**
 * Who may call which Raft service on a member's port, by the identity in the caller's certificate.
 * Mutual TLS ({@link IndexTls}) already keeps out anyone without a certificate of the internal CA;
 * this keeps the other services, whose certificates the same CA issued, to the client protocol:
 *
 * <table>
 *   <tr><th>gRPC service</th><th>what</th><th>callers</th></tr>
 *   <tr><td>{@code RaftServerProtocolService}</td><td>votes, log appends, snapshots, read index
 *       </td><td>index members</td></tr>
 *   <tr><td>{@code AdminProtocolService}</td><td>membership, leadership, groups</td>
 *       <td>index members (a member's {@code /members} route, operators {@code operator}+)</td></tr>
 *   <tr><td>{@code RaftClientProtocolService}</td><td>commands and reads</td>
 *       <td>edges, the broker, the controller, index members</td></tr>
 * </table>
 *
 * Without it an edge's certificate (a stolen edge) could vote, append entries as a leader or change
 * the membership. A refused call ends with {@code PERMISSION_DENIED}, logged with the caller.
 */
final class RaftCallers implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RaftCallers.class);

  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "ratis.grpc.RaftServerProtocolService", Set.of(ServiceRoles.INDEX),
          "ratis.grpc.AdminProtocolService", Set.of(ServiceRoles.INDEX),
          "ratis.grpc.RaftClientProtocolService",
              Set.of(
                  ServiceRoles.INDEX,
                  ServiceRoles.EDGE,
                  ServiceRoles.BROKER,
                  ServiceRoles.CONTROLLER));

  /** {@link IndexTls#parameters} with this check on every service of the member's port. */
  static Parameters memberParameters(org.telcocdn.security.TlsMaterial tls) {
    Parameters parameters = IndexTls.parameters(tls);
    GrpcConfigKeys.Server.setServicesCustomizer(parameters, RaftCallers::customize);
    return parameters;
  }

  private static NettyServerBuilder customize(
      NettyServerBuilder builder, EnumSet<GrpcServices.Type> types) {
    return builder.intercept(new RaftCallers());
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String service = call.getMethodDescriptor().getServiceName();
    Optional<ServiceIdentity> caller =
        caller(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    Set<String> allowed = ALLOWED.getOrDefault(service, Set.of());
    if (caller.isPresent() && allowed.contains(caller.get().role())) {
      return next.startCall(call, headers);
    }
    String who = caller.map(ServiceIdentity::uri).orElse("a caller without a service identity");
    log.warn(
        "refused {} from {}: only {} may call it",
        call.getMethodDescriptor().getFullMethodName(),
        who,
        allowed);
    call.close(
        Status.PERMISSION_DENIED.withDescription(who + " may not call " + service), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** The identity in the client certificate of the call's TLS session, if any. */
  private static Optional<ServiceIdentity> caller(SSLSession session) {
    return session == null ? Optional.empty() : Credentials.certified(session);
  }
}
