package org.telcocdn.cli;

import java.io.PrintStream;
import java.util.List;

/** The human-readable listing of {@code cdn ps} and of a foreground {@code cdn up}. */
public final class StatusTable {
  /** One row: a recorded service and what was found when it was checked. */
  public record Row(RunningService service, boolean alive, boolean healthy) {
    String status() {
      if (!alive) return "exited";
      return healthy ? "healthy" : "unhealthy";
    }
  }

  private static final String FORMAT = "%-14s %-17s %-8s %-58s %-10s %s%n";

  private StatusTable() {}

  public static void print(PrintStream out, List<Row> rows) {
    out.printf(FORMAT, "NAME", "ROLE", "PID", "URL", "STATUS", "LOG");
    for (Row row : rows) {
      RunningService s = row.service();
      String url =
          s.controlUrl() == null || s.controlUrl().equals(s.url())
              ? s.url()
              : s.url() + " " + s.controlUrl();
      if (s.grpcPort() != null) url += " +grpc:" + s.grpcPort();
      if (s.raftPort() != null) url += " +raft:" + s.raftPort();
      out.printf(FORMAT, s.name(), s.role(), s.pid(), url, row.status(), s.log());
    }
  }

  public static List<Row> check(RunState state, HealthProbe probe) {
    return state.services().stream()
        .map(
            s -> {
              boolean alive = s.alive();
              return new Row(
                  s,
                  alive,
                  alive
                      && probe.healthy(
                          s.url(),
                          Wiring.trustFor(
                              java.nio.file.Path.of(state.dataDir()), s.role(), s.url())));
            })
        .toList();
  }
}
