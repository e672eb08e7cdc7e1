package org.telcocdn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telcocdn.testkit.Await;

/**
 * Starts {@link DummyService} processes and finds the URL they print; stops leftovers after a test.
 */
final class Children implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("READY dummy (http://\\S+)");
  final Supervisor supervisor = new Supervisor(new HealthProbe(), Duration.ofSeconds(5));
  private final List<Process> started = new ArrayList<>();

  Launch launch(Path dir, String name, String... args) {
    List<String> command = new ArrayList<>(Launch.javaCommand(DummyService.class.getName()));
    command.addAll(List.of(args));
    return new Launch(
        name,
        command,
        Map.of("CDN_LOG_LEVEL", "WARN"),
        dir.resolve("logs").resolve(name + ".log"),
        "unknown");
  }

  Process start(Launch launch) {
    Process process = supervisor.start(launch);
    started.add(process);
    return process;
  }

  /** The URL the child printed in its log, once it did. */
  static String awaitUrl(Path log) {
    String[] url = new String[1];
    Await.until(
        Duration.ofSeconds(30),
        "READY in " + log,
        () -> {
          Matcher m = READY.matcher(read(log));
          return m.find() && (url[0] = m.group(1)) != null;
        });
    return url[0];
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    supervisor.stop(started.stream().filter(Process::isAlive).map(Process::toHandle).toList());
  }
}
