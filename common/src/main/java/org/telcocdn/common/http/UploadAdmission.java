package org.telcocdn.common.http;

/**
 * Decides whether an upload route takes one more upload, when the request's head arrives and before
 * any of its body is read. A refused upload (an {@link ApiException}, say a 503 with {@code
 * Retry-After}) costs the server no disk: the body is never written, and a client that asked {@code
 * Expect: 100-continue} never sends it. An admitted upload holds its {@link Pass} until its answer
 * is written or the upload is abandoned (over its limit, connection closed), whichever comes first;
 * the server releases it exactly once.
 */
@FunctionalInterface
public interface UploadAdmission {
  /** Admits every upload. */
  UploadAdmission ALWAYS = () -> () -> {};

  /**
   * Admits one upload, or throws {@link ApiException} to refuse it. Runs on the event loop: must
   * not block.
   */
  Pass admit();

  /** What an admitted upload holds. */
  @FunctionalInterface
  interface Pass {
    void release();
  }
}
