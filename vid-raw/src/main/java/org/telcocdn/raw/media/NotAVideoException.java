package org.telcocdn.raw.media;

/**
 * The upload has no decodable video stream; the message is ffprobe's reason, shown to the client.
 */
public final class NotAVideoException extends Exception {
  public NotAVideoException(String reason) {
    super(reason);
  }
}
