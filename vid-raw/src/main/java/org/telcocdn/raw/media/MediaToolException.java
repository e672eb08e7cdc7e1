package org.telcocdn.raw.media;

/** ffmpeg or ffprobe failed on a source they accepted, or ran past its deadline. */
public final class MediaToolException extends Exception {
  public MediaToolException(String message) {
    super(message);
  }

  public MediaToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
