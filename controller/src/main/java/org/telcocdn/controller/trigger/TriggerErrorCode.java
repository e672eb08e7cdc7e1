package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * RFC 8007 section 5.2.6 error codes, and {@code eunsupported} of its second edition (an extension
 * or a target this CDN cannot act on).
 */
public enum TriggerErrorCode {
  /** Metadata could not be acquired (this CDN keeps no RFC 8006 metadata). */
  EMETA,
  /** Content could not be acquired: an unknown title or URL. */
  ECONTENT,
  /** Not permitted. */
  EPERM,
  /** Refused by the CDN: a site or edge without room for it, a window that passed. */
  EREJECT,
  /** An internal failure: an unreachable broker, edge or catalog. */
  ECDN,
  /** Cancelled by the requester. */
  ECANCELED,
  /** A target or extension this CDN does not act on. */
  EUNSUPPORTED;

  @JsonValue
  public String json() {
    return name().toLowerCase();
  }
}
