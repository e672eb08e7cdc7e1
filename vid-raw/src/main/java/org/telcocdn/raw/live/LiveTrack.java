package org.telcocdn.raw.live;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One rendition of a live channel: its init segment, a window of segments (the DVR window) and the
 * parts of the newest ones, fed fragment by fragment from the encoder's stream.
 *
 * <p>Invariants: a part is visible (in {@link #view()}, to {@link #part}) only once its whole
 * {@code moof}+{@code mdat} has been read, so nothing half-written is ever served; a segment is
 * closed (listed with {@code EXTINF}, fetchable whole) only when the next independent fragment
 * arrives, since a part's duration is only known then; a segment starts at every keyframe (the
 * encoder forces one every segment duration and no others). Requests waiting for a part or for a
 * playlist that lists it are futures completed by the update that makes them true, so no thread is
 * held while a viewer waits.
 *
 * <p>All state is guarded by {@code this}; futures are completed outside the lock.
 */
final class LiveTrack {
  /**
   * One part: a CMAF chunk, and the wall-clock time it became visible here (its availability at the
   * origin, what bench/live-load measures delivery against).
   */
  record Part(
      long msn,
      int index,
      byte[] bytes,
      double duration,
      boolean independent,
      long availableAtMillis) {}

  /** What a playlist shows of a segment. */
  record SegmentView(
      long msn,
      Instant programDateTime,
      double duration,
      boolean complete,
      boolean discontinuity,
      String initName,
      List<PartView> parts) {}

  record PartView(int index, double duration, boolean independent) {}

  /** An immutable picture of the track, what {@link MediaPlaylist} renders. */
  record View(
      String rendition,
      int targetDuration,
      double partTarget,
      long mediaSequence,
      int discontinuitySequence,
      List<SegmentView> segments,
      long hintMsn,
      int hintPart,
      long lastMsn,
      int lastPart,
      long lastCompleteMsn) {}

  /**
   * A complete segment of the window, as a recording keeps it, and the init it was written with.
   */
  record RecordedSegment(long msn, double duration, byte[] bytes, String initName) {}

  /**
   * What the track holds: its complete segments, oldest first, and the init segments they need by
   * name, in the order the segments first use them (one per encoder run the window reaches back
   * to).
   */
  record Recording(Map<String, byte[]> inits, List<RecordedSegment> segments) {}

  /** Thrown into a part's future: the part will never exist (its segment closed before it). */
  static final class NoSuchPart extends RuntimeException {
    NoSuchPart(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Segment {
    final long msn;
    final Instant programDateTime;
    final boolean discontinuity;
    final String initName;
    final List<Part> parts = new ArrayList<>();
    double duration;
    boolean complete;
    byte[] bytes; // the whole segment, once complete
    boolean partsDropped;

    Segment(long msn, Instant pdt, boolean discontinuity, String initName) {
      this.msn = msn;
      this.programDateTime = pdt;
      this.discontinuity = discontinuity;
      this.initName = initName;
    }
  }

  private record Waiter<T>(Predicate<LiveTrack> ready, CompletableFuture<T> future, Object key) {}

  /**
   * The first segment's media sequence number: 1, not the 0 RFC 8216bis implies without {@code
   * EXT-X-MEDIA-SEQUENCE}. hls.js before its fix for MSN 0 (video-dev/hls.js pull request 8013; the
   * player page has 1.4.12) tests the last segment's number as a boolean, so while segment 0 is the
   * newest complete one it makes no blocking reload and reloads after a target duration (2 s)
   * instead: a viewer who joined a channel in its first seconds, with the 1 s of PART-HOLD-BACK
   * buffered, stalled for about 0.5 s a second after the first frame (docs/live.md, traced by
   * LivePlaybackIT).
   */
  static final long FIRST_MSN = 1;

  private final String rendition;
  private final int segmentSeconds;
  private final double partTarget;
  private final int windowSegments;
  private final int maxWaiters;
  private final Deque<Segment> segments = new ArrayDeque<>();
  private final List<Waiter<?>> waiters = new ArrayList<>();
  private byte[] init;
  private String initName = "init.mp4";

  /**
   * Every init segment a segment of the window was written with, by name: after an encoder restart
   * a player (or a recording) reaching back past the discontinuity still needs the old one.
   */
  private final Map<String, byte[]> inits = new HashMap<>();

  private int generation;
  private Instant anchor;
  private boolean nextIsDiscontinuity;
  private int discontinuitySequence;
  private long nextMsn = FIRST_MSN;
  private boolean stopped;

  /**
   * {@code windowSeconds}: how much a playlist lists (the DVR window); {@code maxWaiters}: requests
   * that may wait at once (edges collapse theirs, so a few per edge).
   */
  LiveTrack(
      String rendition, int segmentSeconds, double partTarget, int windowSeconds, int maxWaiters) {
    this.rendition = rendition;
    this.segmentSeconds = segmentSeconds;
    this.partTarget = partTarget;
    this.windowSegments = Math.max(3, windowSeconds / segmentSeconds);
    this.maxWaiters = maxWaiters;
  }

  String rendition() {
    return rendition;
  }

  /**
   * A (re)started encoder: its init segment and the wall-clock time of its media time 0. After the
   * first, the segment that follows is marked as a discontinuity and its init gets a new name,
   * since a player may hold the old one.
   */
  void start(InitSegment segment, Instant mediaTimeZero) {
    List<Waiter<?>> ready;
    synchronized (this) {
      if (init != null) {
        closeOpen();
        generation++;
        initName = "init_" + generation + ".mp4";
        nextIsDiscontinuity = true;
      }
      init = segment.bytes();
      inits.put(initName, init);
      anchor = mediaTimeZero;
      ready = takeReady();
    }
    complete(ready);
  }

  /**
   * A whole fragment from the encoder: a new part, and a new segment when it starts with a
   * keyframe.
   */
  void add(Fragment fragment) {
    List<Waiter<?>> ready;
    synchronized (this) {
      if (init == null) throw new IllegalStateException("a fragment before the init segment");
      Segment open = open();
      if (open == null || (fragment.independent() && !open.parts.isEmpty())) {
        closeOpen();
        open = new Segment(nextMsn++, pdt(fragment), nextIsDiscontinuity, initName);
        nextIsDiscontinuity = false;
        segments.addLast(open);
        trim();
      }
      open.parts.add(
          new Part(
              open.msn,
              open.parts.size(),
              fragment.bytes(),
              fragment.durationSeconds(),
              fragment.independent(),
              System.currentTimeMillis()));
      open.duration += fragment.durationSeconds();
      ready = takeReady();
    }
    complete(ready);
  }

  /** The channel stopped: whoever waits is told now rather than at their timeout. */
  void stop() {
    List<Waiter<?>> all;
    synchronized (this) {
      stopped = true;
      closeOpen();
      all = new ArrayList<>(waiters);
      waiters.clear();
    }
    for (Waiter<?> w : all) w.future().completeExceptionally(new NoSuchPart("the channel stopped"));
  }

  synchronized boolean stopped() {
    return stopped;
  }

  private Instant pdt(Fragment fragment) {
    return anchor.plusNanos((long) (fragment.startSeconds() * 1e9));
  }

  private Segment open() {
    Segment last = segments.peekLast();
    return last == null || last.complete ? null : last;
  }

  private void closeOpen() {
    Segment open = open();
    if (open == null) return;
    open.complete = true;
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (Part p : open.parts) whole.writeBytes(p.bytes());
    open.bytes = whole.toByteArray();
  }

  /** Keeps the window; parts only for the newest segments, where players at the live edge are. */
  private void trim() {
    boolean slid = false;
    while (segments.size() > windowSegments) {
      if (segments.removeFirst().discontinuity) discontinuitySequence++;
      slid = true;
    }
    if (slid) inits.keySet().removeIf(name -> !name.equals(initName) && !used(name));
    int fromEnd = 0;
    for (var it = segments.descendingIterator(); it.hasNext(); fromEnd++) {
      Segment s = it.next();
      if (fromEnd > 3 && !s.partsDropped) {
        s.parts.replaceAll(
            p ->
                new Part(
                    p.msn(),
                    p.index(),
                    null,
                    p.duration(),
                    p.independent(),
                    p.availableAtMillis()));
        s.partsDropped = true;
      }
    }
  }

  synchronized View view() {
    List<SegmentView> list = new ArrayList<>(segments.size());
    Segment open = open();
    long partsFrom = (open != null ? open.msn : nextMsn) - 2;
    for (Segment s : segments) {
      List<PartView> parts =
          s.msn >= partsFrom && !s.partsDropped
              ? s.parts.stream()
                  .map(p -> new PartView(p.index(), p.duration(), p.independent()))
                  .toList()
              : List.of();
      list.add(
          new SegmentView(
              s.msn,
              s.programDateTime,
              s.duration,
              s.complete,
              s.discontinuity,
              s.initName,
              parts));
    }
    long[] hint = hint();
    return new View(
        rendition,
        segmentSeconds,
        partTarget,
        segments.isEmpty() ? nextMsn : segments.peekFirst().msn,
        discontinuitySequence,
        List.copyOf(list),
        hint[0],
        (int) hint[1],
        lastMsn(),
        lastPart(),
        lastCompleteMsn());
  }

  /**
   * The part the playlist's preload hint names: the next of the open segment, or the first of the
   * next segment when the open one has reached its duration (the next fragment will be a keyframe).
   */
  private long[] hint() {
    Segment open = open();
    if (open == null) return new long[] {nextMsn, 0};
    if (open.duration + partTarget / 2 >= segmentSeconds) return new long[] {open.msn + 1, 0};
    return new long[] {open.msn, open.parts.size()};
  }

  private long lastMsn() {
    Segment last = segments.peekLast();
    return last == null ? -1 : last.msn;
  }

  private int lastPart() {
    Segment last = segments.peekLast();
    return last == null ? -1 : last.parts.size() - 1;
  }

  private long lastCompleteMsn() {
    for (var it = segments.descendingIterator(); it.hasNext(); ) {
      Segment s = it.next();
      if (s.complete) return s.msn;
    }
    return -1;
  }

  /**
   * Whether a playlist now lists what a blocking reload asks for (RFC 8216bis section 6.2.5.2):
   * segment {@code msn} whole ({@code part} &lt; 0), or its part {@code part}, or anything later.
   */
  synchronized boolean lists(long msn, int part) {
    if (part < 0) return lastCompleteMsn() >= msn;
    long last = lastMsn();
    return last > msn || (last == msn && lastPart() >= part) || lastCompleteMsn() >= msn;
  }

  /**
   * A blocking reload's {@code _HLS_msn} may be at most two beyond the last segment (section
   * 6.2.5.2: else 400).
   */
  synchronized boolean reachable(long msn) {
    return msn <= Math.max(lastCompleteMsn(), lastMsn() - 1) + 2;
  }

  /** Completes when {@link #lists} becomes true; null when too many already wait. */
  CompletableFuture<Void> whenListed(long msn, int part) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    synchronized (this) {
      if (lists(msn, part)) return CompletableFuture.completedFuture(null);
      if (stopped) return CompletableFuture.failedFuture(new NoSuchPart("the channel stopped"));
      if (!admit()) return null;
      waiters.add(new Waiter<>(t -> t.lists(msn, part), future, null));
    }
    return future;
  }

  private boolean used(String name) {
    for (Segment s : segments) if (s.initName.equals(name)) return true;
    return false;
  }

  /**
   * The complete segments of the whole window, oldest first, across encoder restarts: each keeps
   * the name of its init segment, and the init segments come with them.
   */
  synchronized Recording recording() {
    List<RecordedSegment> list = new ArrayList<>();
    Map<String, byte[]> used = new LinkedHashMap<>();
    for (Segment s : segments) {
      byte[] initBytes = inits.get(s.initName);
      if (!s.complete || s.bytes == null || initBytes == null) continue;
      list.add(new RecordedSegment(s.msn, s.duration, s.bytes, s.initName));
      used.putIfAbsent(s.initName, initBytes);
    }
    return new Recording(Collections.unmodifiableMap(used), List.copyOf(list));
  }

  /** The init segment of the running encoder, null before its first. */
  synchronized byte[] currentInit() {
    return init;
  }

  /** The named init segment while a segment of the window needs it (or it is the current one). */
  synchronized byte[] init(String name) {
    return inits.get(name);
  }

  /** A complete segment's bytes, if it is in the window. */
  synchronized Optional<byte[]> segment(long msn) {
    return segments.stream().filter(s -> s.msn == msn && s.complete).findFirst().map(s -> s.bytes);
  }

  /**
   * The part, now or when it is complete: a part in the window at once; the part the preload hint
   * names (or the one after it) when it completes; anything else, or a part whose segment closes
   * without it, fails with {@link NoSuchPart}. Null when too many already wait.
   */
  CompletableFuture<Part> part(long msn, int index) {
    CompletableFuture<Part> future = new CompletableFuture<>();
    synchronized (this) {
      Part now = findPart(msn, index);
      if (now != null) return CompletableFuture.completedFuture(now);
      if (stopped || !soon(msn, index))
        return CompletableFuture.failedFuture(
            new NoSuchPart("no part " + index + " of segment " + msn + " in " + rendition));
      if (!admit()) return null;
      waiters.add(new Waiter<>(t -> t.settled(msn, index), future, new long[] {msn, index}));
    }
    return future;
  }

  private boolean admit() {
    waiters.removeIf(w -> w.future().isDone()); // timed out or cancelled
    return waiters.size() < maxWaiters;
  }

  private Part findPart(long msn, int index) {
    for (Segment s : segments) {
      if (s.msn == msn
          && index >= 0
          && index < s.parts.size()
          && s.parts.get(index).bytes() != null) return s.parts.get(index);
    }
    return null;
  }

  /** The hinted part or the next: what may be waited for. */
  private boolean soon(long msn, int index) {
    Segment open = open();
    long openMsn = open == null ? nextMsn : open.msn;
    int have = open == null ? 0 : open.parts.size();
    if (msn == openMsn) return index >= have && index <= have + 1;
    return msn == openMsn + 1 && index == 0;
  }

  /** The part exists, or its segment is closed without it. */
  private boolean settled(long msn, int index) {
    if (findPart(msn, index) != null) return true;
    return segments.stream().anyMatch(s -> s.msn == msn && s.complete) || lastMsn() > msn + 1;
  }

  private List<Waiter<?>> takeReady() {
    List<Waiter<?>> ready = new ArrayList<>();
    waiters.removeIf(
        w -> {
          if (w.future().isDone()) return true;
          if (!w.ready().test(this)) return false;
          ready.add(w);
          return true;
        });
    return ready;
  }

  @SuppressWarnings("unchecked")
  private void complete(List<Waiter<?>> ready) {
    for (Waiter<?> w : ready) {
      if (w.key() instanceof long[] k) {
        Part p;
        synchronized (this) {
          p = findPart(k[0], (int) k[1]);
        }
        CompletableFuture<Part> f = (CompletableFuture<Part>) w.future();
        if (p != null) f.complete(p);
        else
          f.completeExceptionally(
              new NoSuchPart("segment " + k[0] + " closed without part " + k[1]));
      } else {
        ((CompletableFuture<Object>) w.future()).complete(null);
      }
    }
  }
}
