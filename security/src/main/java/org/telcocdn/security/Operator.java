package org.telcocdn.security;

import java.time.Instant;

/** An operator as a verified bearer token names them. */
public record Operator(
    String subject, OperatorRole role, String tokenId, String keyId, Instant expires) {}
