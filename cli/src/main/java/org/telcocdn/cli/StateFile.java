package org.telcocdn.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.telcocdn.common.json.Json;

/**
 * {@code {dataDir}/run/state.json}, the record that lets {@code ps} and {@code down} find the
 * processes of an {@code up -d}. Written to a temporary file and renamed, so a reader never sees
 * half a file.
 */
public final class StateFile {
  private final Path file;

  public StateFile(Path dataDir) {
    this.file = dataDir.resolve("run").resolve("state.json");
  }

  public Path path() {
    return file;
  }

  public Optional<RunState> read() {
    if (!Files.exists(file)) return Optional.empty();
    try {
      return Optional.of(Json.MAPPER.readValue(file.toFile(), RunState.class));
    } catch (IOException e) {
      throw CliException.runtime(
          "state file "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "); stop the services by hand and delete it");
    }
  }

  public void write(RunState state) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling("state.json.tmp");
      Files.write(
          temp,
          Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(state));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw CliException.runtime("state file " + file + " cannot be written: " + e.getMessage());
    }
  }

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw CliException.runtime("state file " + file + " cannot be deleted: " + e.getMessage());
    }
  }

  /**
   * Makes sure nothing recorded is still running before a new {@code up}: live processes are an
   * error, a file whose processes are all gone (a crash, a reboot) is removed.
   *
   * @return whether a stale file was removed
   */
  public boolean claim() {
    Optional<RunState> state = read();
    if (state.isEmpty()) return false;
    var alive = state.get().alive();
    if (!alive.isEmpty()) {
      throw CliException.runtime(
          "services are already running ("
              + String.join(", ", alive.stream().map(s -> s.name() + " pid " + s.pid()).toList())
              + "); run `cdn down` first");
    }
    var network = state.get().network();
    if (network != null
        && (!network.leftoverNamespaces().isEmpty() || network.delayLine().isPresent())) {
      throw CliException.runtime(
          "the simulated network of an earlier `cdn up` is still there (namespaces "
              + network.leftoverNamespaces()
              + "); run `cdn down` first");
    }
    delete();
    return true;
  }
}
