package org.telcocdn.raw.store;

/** A video id or object path that is malformed or would leave the video's directory. */
public final class InvalidObjectPathException extends RuntimeException {
  public InvalidObjectPathException(String message) {
    super(message);
  }
}
