package org.telcocdn.urisigning;

/**
 * The outcome of checking one request's token, counted by the edge ({@code
 * edge_url_signing_checks_total{verdict}}) and named in the 403's message. Every verdict but {@link
 * #VALID} refuses the request.
 */
public enum TokenVerdict {
  VALID("valid"),
  /** No {@code URISigningPackage} in the URI. */
  MISSING(
      "the URL carries no URISigningPackage; ask the broker (/play or /api/route) for a signed URL"),
  /** Not a compact JWS, not ES256, no {@code exp}, or an unreadable claim. */
  MALFORMED("the URISigningPackage is not a valid ES256 JWT with exp and cdniuc"),
  /** Its {@code kid} is not in the edge's key set: never issued, or retired. */
  UNKNOWN_KEY("the token's key (kid) is unknown or has been retired; ask the broker for a new URL"),
  BAD_SIGNATURE("the token's signature does not verify"),
  EXPIRED("the token has expired; ask the broker for a new URL"),
  /** Its {@code nbf} is still in the future. */
  NOT_YET_VALID("the token is not valid yet (nbf)"),
  /** The URI is outside the token's {@code cdniuc} container: another title's token. */
  OUTSIDE_SCOPE(
      "the token does not cover this URL (cdniuc): it was issued for another title or path"),
  /**
   * A claim this edge does not enforce and so must not ignore: {@code cdniip} (client address),
   * {@code aud}, a {@code cdniv} other than 1, or a {@code cdnicrit} naming a claim it does not
   * know.
   */
  UNSUPPORTED_CLAIM(
      "the token has a claim this edge does not support (cdniip, aud, cdnicrit or cdniv)");

  private final String reason;

  TokenVerdict(String reason) {
    this.reason = reason;
  }

  /** A sentence for the 403's {@code message}: what is wrong and what to do. */
  public String reason() {
    return reason;
  }

  public boolean valid() {
    return this == VALID;
  }
}
