package org.telcocdn.raw.live;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a channel's ffmpeg and keeps it running. Each rendition's stream comes through a FIFO of its
 * own in a private directory (mode 0700), since a process started from Java has one stdout: one
 * ffmpeg decodes the source once and feeds every rung, so renditions share media time, keyframes
 * and program date time exactly. An encoder that dies is restarted (after a pause growing to
 * {@value #MAX_BACKOFF_SECONDS} s); the tracks then mark a discontinuity. The encoder runs at the
 * origin's own priority, not the transcodes' idle one: a live encoder that falls behind real time
 * is latency every viewer sees.
 *
 * <p>The supervisor and the readers are platform threads: a read from a FIFO blocks in native code
 * for the channel's whole life and pins a virtual thread's carrier, and with two renditions on two
 * cores that left no carrier for the origin's virtual-thread HTTP handlers (LiveChannelIT hung).
 *
 * <p>Media time 0 of a run is dated at the moment ffmpeg is launched: it cannot have read a frame
 * earlier, so the program date time is never later than the true capture time, and a player's
 * measured latency is an upper bound (over by ffmpeg's start-up, logged at each start as {@code
 * first part after}).
 */
final class LiveEncoder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveEncoder.class);
  static final int MAX_BACKOFF_SECONDS = 10;

  private final String channelId;
  private final EncoderCommand command;
  private final List<LiveTrack> tracks;
  private final Path dir;
  private final Thread supervisor;
  private volatile boolean closed;
  private volatile Process process;
  private volatile int restarts;

  LiveEncoder(String channelId, EncoderCommand command, List<LiveTrack> tracks, Path dir) {
    this.channelId = channelId;
    this.command = command;
    this.tracks = List.copyOf(tracks);
    this.dir = dir;
    this.supervisor =
        Thread.ofPlatform().daemon().name("live-" + channelId).unstarted(this::supervise);
  }

  LiveEncoder start() throws IOException {
    Files.createDirectories(dir.getParent());
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    supervisor.start();
    return this;
  }

  /** How often the encoder was restarted after dying. */
  int restarts() {
    return restarts;
  }

  private void supervise() {
    int backoff = 1;
    while (!closed) {
      Instant started = Instant.now();
      try {
        runOnce();
      } catch (IOException | RuntimeException e) {
        if (!closed) log.warn("live {}: encoder failed: {}", channelId, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (closed) return;
      restarts++;
      if (Duration.between(started, Instant.now()).toSeconds() > 30) backoff = 1;
      log.warn("live {}: encoder ended, restart {} in {} s", channelId, restarts, backoff);
      try {
        TimeUnit.SECONDS.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(MAX_BACKOFF_SECONDS, backoff * 2);
    }
  }

  private void runOnce() throws IOException, InterruptedException {
    List<Path> pipes = new ArrayList<>();
    for (int i = 0; i < tracks.size(); i++) pipes.add(fifo(dir.resolve("r" + i + ".mp4")));
    Instant mediaTimeZero = Instant.now();
    Process p =
        new ProcessBuilder(command.build(pipes))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("ffmpeg.log").toFile()) // this run's only: bounded
            .start();
    process = p;
    List<Thread> readers = new ArrayList<>();
    List<AtomicBoolean> opened = new ArrayList<>();
    for (int i = 0; i < tracks.size(); i++) {
      LiveTrack track = tracks.get(i);
      Path pipe = pipes.get(i);
      boolean logFirst = i == 0;
      AtomicBoolean open = new AtomicBoolean();
      opened.add(open);
      readers.add(
          Thread.ofPlatform()
              .daemon()
              .name("live-" + channelId + "-" + track.rendition())
              .start(() -> read(pipe, track, mediaTimeZero, logFirst, open)));
    }
    int exit = p.waitFor();
    if (!closed)
      log.warn(
          "live {}: ffmpeg exited with {} (see {})", channelId, exit, dir.resolve("ffmpeg.log"));
    for (int i = 0; i < pipes.size(); i++) if (!opened.get(i).get()) unblock(pipes.get(i));
    for (Thread r : readers) r.join(Duration.ofSeconds(5));
  }

  private void read(
      Path pipe, LiveTrack track, Instant mediaTimeZero, boolean logFirst, AtomicBoolean opened) {
    try (InputStream in = new FileInputStream(pipe.toFile())) {
      opened.set(true);
      TrackReader.read(
          in,
          track,
          mediaTimeZero,
          logFirst
              ? at ->
                  log.info(
                      "live {}: first part after {} ms (media time 0 dated at ffmpeg's launch)",
                      channelId,
                      Duration.between(mediaTimeZero, at).toMillis())
              : null);
    } catch (IOException | RuntimeException e) {
      if (!closed)
        log.warn("live {} {}: stream unreadable: {}", channelId, track.rendition(), e.toString());
      Process p = process;
      if (p != null) p.destroy(); // one rendition broken: restart them all, in step
    }
  }

  /**
   * A reader still blocked in open() (ffmpeg died before opening its output) gets a writer, hence
   * EOF. Only for readers that have not opened: with no reader, opening a FIFO to write blocks.
   */
  private static void unblock(Path pipe) {
    try (var ignored = new FileOutputStream(pipe.toFile())) {
      // opened and closed: the reader's open returns and it reads end of stream
    } catch (IOException ignored) {
      // gone already
    }
  }

  private static Path fifo(Path path) throws IOException, InterruptedException {
    Files.deleteIfExists(path);
    Process mk = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).start();
    if (mk.waitFor() != 0) throw new IOException("mkfifo " + path + " failed");
    return path;
  }

  /** Kills the running ffmpeg as a crash would (tests of the restart). */
  void killForTest() {
    Process p = process;
    if (p != null) p.destroyForcibly();
  }

  @Override
  public void close() {
    closed = true;
    Process p = process;
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(3, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    supervisor.interrupt();
    tracks.forEach(LiveTrack::stop);
  }
}
