package org.telcocdn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --topology FILE}, shared by every command: it also says where the state file is. */
public final class TopologyOption {
  @Option(names = "--topology", paramLabel = "FILE",
      description = "Topology YAML (default: the bundled topology/default.yaml).")
  Path file;

  public Topology load(CliContext context) {
    return TopologyFile.load(file == null ? null : context.workDir().resolve(file));
  }

  public Path dataDir(CliContext context) {
    return load(context).dataPath(context.workDir());
  }
}
