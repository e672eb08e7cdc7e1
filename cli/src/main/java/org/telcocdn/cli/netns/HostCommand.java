package org.telcocdn.cli.netns;

import java.util.List;

/**
 * One program to run on the host, with what goes to its standard input: {@code ip -batch -}, {@code
 * tc -batch -} and {@code nft -f -} read their lines from there, so configuring a namespace costs
 * one process per tool rather than one per line.
 *
 * @param stdin empty for none
 */
public record HostCommand(List<String> argv, String stdin) {
  public HostCommand {
    argv = List.copyOf(argv);
    stdin = stdin == null ? "" : stdin;
  }

  static HostCommand of(String... argv) {
    return new HostCommand(List.of(argv), "");
  }

  static HostCommand batch(List<String> argv, List<String> lines) {
    return new HostCommand(argv, String.join("\n", lines) + "\n");
  }

  /** The command as a shell line, for logs and error messages. */
  @Override
  public String toString() {
    return String.join(" ", argv) + (stdin.isEmpty() ? "" : " <<EOF\n" + stdin + "EOF");
  }
}
