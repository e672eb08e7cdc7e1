package org.telcocdn.cache.policy;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * vpop: the project's video-aware, size-aware popularity policy.
 *
 * <p><b>Value.</b> An object's value is its estimated share of the coming requests. For a segment
 * (title t, rendition r, position k) it is predicted from the title, not from the segment's own
 * history, which is too thin to learn from (most segments are requested by a handful of sessions):
 *
 * <pre>
 *   value = sessions(t) · retention(k | t's length class) · mix(r | k) · horizon share(k)
 *         + Σ over sessions now watching t behind k: P(it reaches k in r) / requests until it does
 * </pre>
 *
 * where {@code sessions(t)} is the title's share of session starts (requests for position 0), the
 * larger of a recent count (exact per title, {@link TitleStats}, halved every {@value
 * #TITLE_PERIOD} starts) and a lasting one (halved {@value #LASTING} times more slowly), {@code
 * retention} the learned audience-retention curve (requests at k per request at 0) and {@code mix}
 * the learned rendition mix at that position (players start low). The second line is what the
 * requests say about the near future ({@link LiveSessions}): sessions already watching the title
 * will ask for the segment at a known time. Since a session starting now needs k segment durations
 * to reach position k, only the share of the cache's horizon left after that counts for the first
 * line (the horizon is {@value #HORIZON} times the mean idle time of evicted objects). So every
 * rendition and every not-yet-requested segment of a popular title shares its popularity, and early
 * segments rank far above late ones.
 *
 * <p><b>Other objects.</b> Objects that are not segments (playlists, init segments, posters, any
 * HTTP origin's objects, a general trace) have no title to learn from, so they are kept by S3-FIFO,
 * a proven general-purpose policy ({@link S3Fifo}), in a part of their own. The budget is split
 * between the two parts by their ghosts ({@link PartSplit}): each grows when it misses an object it
 * evicted recently, so the bytes go where they save the most missed bytes and neither class starves
 * the other. With segments only this is the segment policy alone; with other objects only, S3-FIFO
 * alone. (Valuing other objects by their own count in a sketch, a sampled TinyLFU, lost to S3-FIFO
 * by 6 to 8 % in byte miss ratio on a real CDN trace, and to LRU too: docs/cache-policies.md.)
 *
 * <p><b>Size.</b> The goal is byte hits: keeping an object of size s with request rate p saves p·s
 * bytes for s bytes of disk, so p itself is the value per byte and segments are compared by it
 * alone.
 *
 * <p><b>Eviction and admission.</b> Among segments, eviction samples {@value #SAMPLE} resident
 * segments and evicts the least valuable (sampled eviction keeps values fresh as the sketches
 * change, without a priority queue; the followers' part is computed only for the samples that could
 * still be the least). A newcomer segment is refused if it is worth no more than the segment it
 * would displace (TinyLFU's admission, applied to each victim a large newcomer needs). A victim
 * taken from the other part is not compared: the split, not the values, decides between the parts.
 *
 * <p>Tried and dropped, because the simulator showed no gain (docs/cache-policies.md): the
 * segment's own count next to the title model (worse), a keep-hint protecting segment k+1 for a
 * while after k is requested (no change: the title model already ranks k+1 of a watched title
 * high), a bonus for objects hit while resident, and other aging periods of the title counts.
 */
public final class VideoPopularityPolicy<K> implements CachePolicy<K> {
  static final int SAMPLE = 16;

  /** S3-FIFO's small queue, as a share of the other objects' bytes: the paper's 10 %. */
  static final double SMALL_SHARE = 0.10;

  /** Session starts between halvings of the recent title counts (about an hour of a busy edge). */
  static final long TITLE_PERIOD = 512;

  /** The lasting title counts halve this many times more slowly. */
  static final long LASTING = 16;

  /** The horizon over which a segment's worth is judged, in idle times of the evicted objects. */
  static final double HORIZON = 8;

  /** Share of a deep segment's new-session rate kept however far its position: resumed sessions. */
  static final double RESUMES = 0.1;

  private final long capacity;
  private final SegmentShape<K> shape;
  private final S3Fifo<K> others;
  private final PartSplit split;
  private final TitleStats titles;
  private final AudienceShape audience;
  private final ResidentSegments<K> resident = new ResidentSegments<>();
  private final SplittableRandom random = new SplittableRandom(42);

  /** Scratch space of the eviction sampling: the slots drawn. */
  private final int[] drawn = new int[SAMPLE];

  private final double[] steady = new double[SAMPLE];
  private double leastValue;

  /** Bytes of the resident segments; the other objects' are {@code others.usedBytes()}. */
  private long segmentBytes;

  private long segmentRequests;
  private long starts;

  /** Segment requests so far, the clock of the live sessions (0 is their table's empty mark). */
  private long clock = 1;

  private final LiveSessions live = new LiveSessions();

  /**
   * Mean requests the evicted objects had gone untouched (an exponential average): sets the
   * horizon.
   */
  private double residence = 0;

  /**
   * @param expectedObjects about how many objects the budget holds (capacity over the mean object
   *     size); sizes the ghosts' tables
   */
  public VideoPopularityPolicy(long capacityBytes, long expectedObjects, SegmentShape<K> shape) {
    this.capacity = capacityBytes;
    this.shape = shape;
    this.others = new S3Fifo<>(capacityBytes, SMALL_SHARE, expectedObjects);
    this.split = new PartSplit(capacityBytes, expectedObjects);
    this.titles = new TitleStats(TITLE_PERIOD, LASTING, this::ageAudience);
    this.audience = new AudienceShape(titles);
  }

  @Override
  public String name() {
    return "vpop";
  }

  @Override
  public boolean contains(K key) {
    return resident.find(key) >= 0 || others.objectCount() > 0 && others.contains(key);
  }

  @Override
  public void onHit(K key) {
    int slot = resident.find(key);
    if (slot < 0) {
      others.onHit(key);
      return;
    }
    record(resident.title(slot), resident.rendition(slot), resident.index(slot));
    resident.touch(slot, clock);
  }

  @Override
  public boolean onMiss(K key, long size, Consumer<? super K> evicted) {
    SegmentKey segment = shape.of(key);
    if (!segment.isSegment()) return onOtherMiss(key, size, evicted);
    record(segment.title(), segment.rendition(), segment.index());
    if (size > capacity) return false;
    split.missed(true, Hashes.fingerprint(key), size);
    double worth = value(segment);
    while (usedBytes() + size > capacity) {
      if (!split.evictSegment(true, segmentBytes, others.usedBytes())) {
        evictOther(evicted);
        continue;
      }
      int victim = leastValuable();
      if (leastValue >= worth) return false;
      evictSegment(victim, evicted);
    }
    resident.add(key, size, segment, clock);
    segmentBytes += size;
    return true;
  }

  /** S3-FIFO's miss, with room made in whichever part the split says. */
  private boolean onOtherMiss(K key, long size, Consumer<? super K> evicted) {
    if (size > capacity) return false;
    split.missed(false, Hashes.fingerprint(key), size);
    boolean remembered = others.remembered(key);
    while (usedBytes() + size > capacity) {
      if (split.evictSegment(false, segmentBytes, others.usedBytes())) {
        evictSegment(leastValuable(), evicted);
      } else {
        evictOther(evicted);
      }
    }
    others.insert(key, size, remembered);
    return true;
  }

  /** Evicts a segment; the split's ghosts hear of it only while the other part holds objects. */
  private void evictSegment(int victim, Consumer<? super K> evicted) {
    K key = resident.key(victim);
    long size = resident.size(victim);
    learnResidence(clock - resident.touched(victim));
    drop(victim);
    if (others.objectCount() > 0) split.evicted(true, Hashes.fingerprint(key), size);
    evicted.accept(key);
  }

  /** S3-FIFO's queues are sized against the bytes the segments leave them. */
  private void evictOther(Consumer<? super K> evicted) {
    others.budget(capacity - segmentBytes);
    ObjLongConsumer<K> sink =
        (key, size) -> {
          if (resident.size() > 0) split.evicted(false, Hashes.fingerprint(key), size);
          evicted.accept(key);
        };
    others.evictOne(sink);
  }

  private void record(long title, int rendition, int index) {
    segmentRequests++;
    clock++;
    audience.record(title, rendition, index);
    live.record(title, rendition, index, clock);
    if (index == 0) starts++;
  }

  private void learnResidence(long idle) {
    residence = residence == 0 ? idle : residence + (idle - residence) / 1024;
  }

  private void ageAudience() {
    audience.halve();
    segmentRequests >>>= 1;
    starts >>>= 1;
  }

  /** Estimated probability that the next request is for this object. */
  double value(SegmentKey s) {
    return steadyValue(s.title(), s.rendition(), s.index())
        + followersValue(s.title(), s.rendition(), s.index());
  }

  /** The part of the value that comes from sessions not started yet: the title model. */
  private double steadyValue(long title, int rendition, int index) {
    double sessionShare = titles.startShare(title);
    double startsPerRequest = starts / (double) Math.max(1, segmentRequests);
    double fromNewSessions =
        sessionShare
            * startsPerRequest
            * audience.survival(title, index)
            * audience.renditionShare(rendition, index);
    return fromNewSessions * withinHorizon(index);
  }

  /**
   * The part that comes from sessions watching the title now, behind the segment; never negative.
   */
  private double followersValue(long title, int rendition, int index) {
    return live.followers(title, rendition, index, clock, audience.curve(title), audience);
  }

  /**
   * Share of the horizon left after a session starting now would reach {@code index}: sooner, only
   * sessions already watching (the followers) can ask for it, so a deep segment with none behind it
   * is worth less now than its long-run rate says.
   */
  private double withinHorizon(int index) {
    return withinHorizon(index, live.spacing(), HORIZON * residence);
  }

  /**
   * {@code horizon} and {@code spacing} (a segment's duration) in requests; no horizon yet: all of
   * it.
   */
  static double withinHorizon(int index, double spacing, double horizon) {
    if (horizon <= 0) return 1;
    return Math.max(RESUMES, Math.min(1, (horizon - index * spacing) / horizon));
  }

  /**
   * The least valuable of {@value #SAMPLE} sampled entries, its value left in {@link #leastValue}.
   * The followers' part, the costly one, is added first to the entry of least steady part, then to
   * another only if its steady part alone could still beat the least found so far (the followers'
   * part is never negative, so the result is exact).
   */
  private int leastValuable() {
    int n = Math.min(SAMPLE, resident.size());
    int least = 0;
    for (int i = 0; i < n; i++) {
      drawn[i] = random.nextInt(resident.size());
      steady[i] = steadyValue(drawn[i]);
      if (steady[i] < steady[least]) least = i;
    }
    int best = drawn[least];
    leastValue = steady[least] + followersValue(best);
    for (int i = 0; i < n; i++) {
      if (i == least || steady[i] >= leastValue) continue;
      double v = steady[i] + followersValue(drawn[i]);
      if (v < leastValue) {
        best = drawn[i];
        leastValue = v;
      }
    }
    return best;
  }

  private double steadyValue(int slot) {
    return steadyValue(resident.title(slot), resident.rendition(slot), resident.index(slot));
  }

  private double followersValue(int slot) {
    return followersValue(resident.title(slot), resident.rendition(slot), resident.index(slot));
  }

  private void drop(int slot) {
    segmentBytes -= resident.size(slot);
    resident.remove(slot);
  }

  @Override
  public void remove(K key) {
    int slot = resident.find(key);
    if (slot >= 0) {
      drop(slot);
    } else {
      others.remove(key);
    }
  }

  @Override
  public long usedBytes() {
    return segmentBytes + others.usedBytes();
  }

  @Override
  public long capacityBytes() {
    return capacity;
  }

  @Override
  public int objectCount() {
    return resident.size() + others.objectCount();
  }
}
