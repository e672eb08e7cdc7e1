package org.telcocdn.common.security;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.json.Json;

/**
 * One JSON line per state-changing control call, in {@code {security.audit-log.dir}/{name}.jsonl}:
 * {@code {"time","service","who","method","route","target","status"}} ({@code route} is the route's
 * template, {@code target} the ids of the path and of the body). Refused calls (401, 403) are
 * written too: they are what an audit is for. Written and flushed under a lock, so lines never
 * interleave and a crash loses at most the line being written. The file is rotated at {@link
 * #MAX_FILE_BYTES} to {@code .1} (one previous file is kept): heartbeats are control calls too, one
 * a second per edge.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  static final long MAX_FILE_BYTES = 64L << 20;

  private final Path file;
  private final String service;
  private final Clock clock;
  private BufferedWriter out;
  private long written;

  private AuditLog(Path file, String service, Clock clock) throws IOException {
    this.file = file;
    this.service = service;
    this.clock = clock;
    open();
  }

  public static AuditLog open(Path dir, String name, Clock clock) {
    try {
      Files.createDirectories(dir);
      return new AuditLog(dir.resolve(name + ".jsonl"), name, clock);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot open the audit log in " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  public void record(
      String who, String method, String route, Map<String, Object> target, int status) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.put("service", service);
    line.put("who", who);
    line.put("method", method);
    line.put("route", route);
    line.put("target", target);
    line.put("status", status);
    write(new String(Json.bytes(line), StandardCharsets.UTF_8));
  }

  private synchronized void write(String line) {
    try {
      if (written + line.length() + 1 > MAX_FILE_BYTES) rotate();
      out.write(line);
      out.write('\n');
      out.flush();
      written += line.length() + 1;
    } catch (IOException e) {
      log.error("audit line could not be written to {}: {}", file, line, e);
    }
  }

  private void rotate() throws IOException {
    out.close();
    Files.move(
        file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    open();
  }

  private void open() throws IOException {
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    written = Files.size(file);
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      log.warn("closing the audit log {}: {}", file, e.getMessage());
    }
  }
}
