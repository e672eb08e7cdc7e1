package org.telcocdn.common.config;

/** A configuration value that breaks a rule. The message names the key, the value and the rule. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
