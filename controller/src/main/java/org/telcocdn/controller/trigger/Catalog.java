package org.telcocdn.controller.trigger;

/** Whether the catalog knows a title; throws {@code ApiException} when it cannot be asked. */
public interface Catalog {
  boolean knows(String videoId);
}
