package org.telcocdn.cli.netns;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.json.Json;

/**
 * The delay line process {@code cdn up} starts for a topology with sites: one process on the host
 * for every link. Usage: {@code DelayLineMain CONFIG.json} ({@link DelayLineConfig}). It attaches
 * to each link's tun devices, entering their namespaces one thread at a time, says it is ready, and
 * runs {@link DelayLine} until SIGTERM. Exit code 2 when a tun cannot be attached.
 */
public final class DelayLineMain {
  private static final long STATS_INTERVAL_MS = 5000;

  private DelayLineMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DelayLineMain CONFIG.json");
      System.exit(2);
    }
    DelayLineConfig config =
        Json.MAPPER.readValue(Path.of(args[0]).toFile(), DelayLineConfig.class);
    Arena arena = Arena.global();
    List<PacketQueue> queues = new ArrayList<>();
    for (DelayLineConfig.Direction d : config.directions()) {
      try {
        int fd = NetNamespace.call(d.namespace(), () -> Tun.attach(d.device()));
        queues.add(new PacketQueue(fd, d, arena));
      } catch (RuntimeException e) {
        System.err.println(
            "delay line: cannot attach "
                + d.namespace()
                + "/"
                + d.device()
                + ": "
                + e.getMessage());
        System.exit(2);
      }
    }
    DelayLine line = new DelayLine(queues, arena, config.realtimePriority());
    Thread loop = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  line.stop();
                  writeStats(config.statsFile(), queues, line);
                },
                "delay-line-stop"));
    Thread.ofPlatform()
        .daemon()
        .name("delay-line-stats")
        .start(() -> statsLoop(config.statsFile(), queues, line));
    Files.writeString(
        Path.of(config.readyFile()),
        "ready " + queues.size() + " directions, pid " + ProcessHandle.current().pid() + "\n");
    System.out.println(
        "READY delay-line " + queues.size() + " link directions (" + loop.getName() + ")");
    line.run();
  }

  private static void statsLoop(String file, List<PacketQueue> queues, DelayLine line) {
    while (true) {
      try {
        Thread.sleep(STATS_INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
      writeStats(file, queues, line);
    }
  }

  /** Counters per direction, read without locking: a snapshot off by a packet is good enough. */
  private static void writeStats(String file, List<PacketQueue> queues, DelayLine line) {
    Map<String, Object> stats = new LinkedHashMap<>();
    for (PacketQueue q : queues) {
      stats.put(
          q.name,
          Map.of(
              "packets",
              q.packets,
              "bytes",
              q.bytes,
              "dropped",
              q.dropped,
              "maxQueued",
              q.maxQueued));
    }
    stats.put("writeErrors", line.writeErrors());
    stats.put("meanLateMicros", line.meanLateMicros());
    stats.put("maxLateMicros", line.maxLateMicros());
    stats.put("wakeups", line.wakeups());
    stats.put("leadMicros", line.leadMicros());
    try {
      Path target = Path.of(file);
      Path temp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.write(
          temp,
          Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(stats));
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      System.err.println("delay line: cannot write " + file + ": " + e.getMessage());
    }
  }
}
