package org.telcocdn.metadata.store;

/** A create with an id that is already taken; the API answers 409. */
public final class DuplicateVideoException extends Exception {
  public DuplicateVideoException(String id) {
    super("a video with id " + id + " already exists");
  }
}
