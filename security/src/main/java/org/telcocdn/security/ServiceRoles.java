package org.telcocdn.security;

/**
 * The roles of {@link ServiceIdentity}: each service's module name, as the cli's topology names
 * them, so a route's {@code Access} and a certificate agree on the spelling.
 */
public final class ServiceRoles {
  public static final String METADATA = "vid-metadata";
  public static final String ORIGIN = "vid-raw";
  public static final String EDGE = "vid-cache";
  public static final String BROKER = "vid-cache-broker";
  public static final String CLIENT = "client";
  public static final String ANALYTICS = "analytics";
  public static final String CONTROLLER = "controller";
  public static final String INDEX = "cache-index";

  private ServiceRoles() {}
}
