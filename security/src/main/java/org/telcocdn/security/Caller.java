package org.telcocdn.security;

import java.util.Optional;

/**
 * Who sent a request, as far as the server could prove it: nobody in particular, a service (its
 * client certificate, chained to the internal CA), or an operator (a bearer token). An operator's
 * token may arrive through a service (the client's operator-page proxy), which is kept as {@code
 * via} for the audit log; the operator's role is what is authorized.
 */
public sealed interface Caller {
  /**
   * What the audit log names: the service's SPIFFE URI, {@code operator:<sub>}, or {@code
   * anonymous}.
   */
  String describe();

  default Optional<ServiceIdentity> service() {
    return Optional.empty();
  }

  default boolean authenticated() {
    return true;
  }

  Caller ANONYMOUS = new Anonymous();

  /** No certificate and no token. */
  record Anonymous() implements Caller {
    @Override
    public String describe() {
      return "anonymous";
    }

    @Override
    public boolean authenticated() {
      return false;
    }
  }

  /** A service, proven by its client certificate. */
  record Service(ServiceIdentity identity) implements Caller {
    @Override
    public String describe() {
      return identity.uri();
    }

    @Override
    public Optional<ServiceIdentity> service() {
      return Optional.of(identity);
    }
  }

  /**
   * An operator, proven by a bearer token; {@code via} is the service that forwarded it, or null.
   */
  record OperatorCall(Operator operator, ServiceIdentity via) implements Caller {
    @Override
    public String describe() {
      return "operator:"
          + operator.subject()
          + " ("
          + operator.role().wire()
          + ")"
          + (via == null ? "" : " via " + via.uri());
    }
  }
}
