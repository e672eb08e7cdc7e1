package org.telcocdn.index;

/**
 * A command or query that breaks one of {@link CommandRules}, or bytes that are not one: refused by
 * the client before it is sent, by the leader before it enters the log, and, should such an entry
 * be in a log anyway, answered as an error result when applied. The message names the rule and the
 * value.
 */
public final class InvalidCommandException extends IllegalArgumentException {
  public InvalidCommandException(String message) {
    super(message);
  }
}
