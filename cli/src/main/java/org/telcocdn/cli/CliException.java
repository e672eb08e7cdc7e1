package org.telcocdn.cli;

/**
 * A failure the user is told about in one line, with the exit code of its kind: {@link #USAGE} for
 * a bad command line or topology, {@link #RUNTIME} for anything that went wrong while doing the
 * work.
 */
public final class CliException extends RuntimeException {
  public static final int USAGE = 2;
  public static final int RUNTIME = 1;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(USAGE, message);
  }

  public static CliException runtime(String message) {
    return new CliException(RUNTIME, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
