package org.telcocdn.security;

/** A bearer token that does not prove an operator: the reason says why, for the 401's message. */
public final class TokenRejected extends Exception {
  public TokenRejected(String reason) {
    super(reason);
  }
}
