package org.telcocdn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --topology FILE}, shared by every command: it also says where the state file is. */
public final class TopologyOption {
  @Option(
      names = "--topology",
      paramLabel = "FILE",
      description = "Topology YAML (default: the bundled topology/default.yaml).")
  Path file;

  public Topology load(CliContext context) {
    return TopologyFile.load(file == null ? null : context.workDir().resolve(file));
  }

  public Path dataDir(CliContext context) {
    return load(context).dataPath(context.workDir());
  }

  /**
   * The topology of what runs: the {@code --topology} given, else the file the last {@code cdn up}
   * recorded in the default data directory's state, else the bundled default. So {@code cdn ps},
   * {@code cdn down} and {@code cdn topology} need no flag after {@code cdn up --topology FILE}.
   */
  public Topology loadRunning(CliContext context) {
    if (file != null) return load(context);
    Topology bundled = TopologyFile.loadDefault();
    return new StateFile(bundled.dataPath(context.workDir()))
        .read()
        .map(RunState::topologyFile)
        .map(f -> TopologyFile.load(Path.of(f)))
        .orElse(bundled);
  }

  public Path runningDataDir(CliContext context) {
    return loadRunning(context).dataPath(context.workDir());
  }

  /** The file given with {@code --topology}, resolved; null when absent. */
  public Path file(CliContext context) {
    return file == null ? null : context.workDir().resolve(file);
  }
}
