package org.telcocdn.cache.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * vpop: the project's video-aware, size-aware popularity policy.
 *
 * <p><b>Value.</b> An object's value is its estimated share of the coming requests. For a segment
 * (title t, rendition r, position k) it is predicted from the title, not from the segment's own
 * history, which is too thin to learn from (most segments are requested by a handful of sessions):
 * <pre>
 *   value = sessions(t) · retention(k | t's length class) · mix(r | k) · horizon share(k)
 *         + Σ over sessions now watching t behind k: P(it reaches k in r) / requests until it does
 * </pre>
 * where {@code sessions(t)} is the title's share of session starts (requests for position 0), the
 * larger of a recent count (exact per title, {@link TitleStats}, halved every {@value #TITLE_PERIOD} starts) and a
 * lasting one (halved {@value #LASTING} times more slowly), {@code retention} the learned
 * audience-retention curve (requests at k per request at 0) and {@code mix} the learned rendition
 * mix at that position (players start low). The second line is what the requests say about the near
 * future ({@link LiveSessions}): sessions already watching the title will ask for the segment at a
 * known time. Since a session starting now needs k segment durations to reach position k, only the
 * share of the cache's horizon left after that counts for the first line (the horizon is
 * {@value #HORIZON} times the mean idle time of evicted objects). So every rendition and every
 * not-yet-requested segment of a popular title shares its popularity, and early segments rank far
 * above late ones. Objects that
 * are not segments (playlists, plain objects of a general trace) are valued by their own count in a
 * second sketch, aged every {@value #OBJECT_PERIOD} cache-fulls of requests, as in TinyLFU. Both are normalised to a
 * per-request probability so that the two kinds compare.
 *
 * <p><b>Size.</b> The goal is byte hits: keeping an object of size s with request rate p saves p·s
 * bytes for s bytes of disk, so p itself is the value per byte and objects are compared by it alone.
 *
 * <p><b>Eviction and admission.</b> Eviction samples {@value #SAMPLE} resident objects and evicts the
 * least valuable (sampled eviction keeps values fresh as the sketches change, without a priority
 * queue; the followers' part is computed only for the samples that could still be the least). A
 * newcomer is refused if it is worth no more than the victim it would displace (TinyLFU's admission,
 * applied to each victim a large newcomer needs).
 *
 * <p>Tried and dropped, because the simulator showed no gain (docs/cache-policies.md): the segment's
 * own count next to the title model (worse), a keep-hint protecting segment k+1 for a while after k
 * is requested (no change: the title model already ranks k+1 of a watched title high), a bonus
 * for objects hit while resident, and other aging periods of the title counts.
 */
public final class VideoPopularityPolicy<K> implements CachePolicy<K> {
  static final int SAMPLE = 16;
  /**
   * Requests between halvings of the object counts, in cache-fulls of objects. TinyLFU uses 10; on
   * the general trace G-s1 (docs/cache-policies.md) 10, 30, 50 and 100 gave 0.732, 0.710, 0.704 and
   * 0.700 byte miss ratio at 1 %: that trace is stationary, so longer memory always wins there, and
   * 50 is a compromise for real traces, whose popularity drifts.
   */
  static final long OBJECT_PERIOD = 50;
  /** Session starts between halvings of the recent title counts (about an hour of a busy edge). */
  static final long TITLE_PERIOD = 512;
  /** The lasting title counts halve this many times more slowly. */
  static final long LASTING = 16;
  /** The horizon over which a segment's worth is judged, in idle times of the evicted objects. */
  static final double HORIZON = 8;
  /** Share of a deep segment's new-session rate kept however far its position: resumed sessions. */
  static final double RESUMES = 0.1;

  private static final class Entry<K> {
    final K key;
    final long size;
    /** The key's {@link SegmentKey}, flattened: one memory read less per sampled entry. */
    final long title;
    final int rendition;
    final int index;
    int slot;
    long touched;

    Entry(K key, long size, SegmentKey segment) {
      this.key = key;
      this.size = size;
      this.title = segment.title();
      this.rendition = segment.rendition();
      this.index = segment.index();
    }
  }

  private final long capacity;
  private final SegmentShape<K> shape;
  private final FrequencySketch objects;
  private final TitleStats titles;
  private final AudienceShape audience;
  private final HashMap<K, Entry<K>> index = new HashMap<>();
  private final ArrayList<Entry<K>> slots = new ArrayList<>();
  private final SplittableRandom random = new SplittableRandom(42);
  /** Scratch space of the eviction sampling. */
  @SuppressWarnings("unchecked")
  private final Entry<K>[] drawn = new Entry[SAMPLE];
  private final double[] steady = new double[SAMPLE];
  private double leastValue;
  private long used;
  private long segmentRequests;
  private long starts;
  /** Segment requests so far, the clock of the live sessions (0 is their table's empty mark). */
  private long clock = 1;
  private final LiveSessions live = new LiveSessions();
  /** Mean requests the evicted objects had gone untouched (an exponential average): sets the horizon. */
  private double residence = 0;

  /**
   * @param expectedObjects about how many objects the budget holds (capacity over the mean object
   *     size); sizes the object sketch and sets its aging period
   */
  public VideoPopularityPolicy(long capacityBytes, long expectedObjects, SegmentShape<K> shape) {
    this.capacity = capacityBytes;
    this.shape = shape;
    int keys = (int) Math.min(1 << 22, Math.max(1024, expectedObjects * 4));
    this.objects = new FrequencySketch(keys, Math.max(10_000, expectedObjects * OBJECT_PERIOD), () -> {});
    this.titles = new TitleStats(TITLE_PERIOD, LASTING, this::ageAudience);
    this.audience = new AudienceShape(titles);
  }

  @Override
  public String name() {
    return "vpop";
  }

  @Override
  public boolean contains(K key) {
    return index.containsKey(key);
  }

  @Override
  public void onHit(K key) {
    Entry<K> e = index.get(key);
    record(e.title, e.rendition, e.index);
    e.touched = clock;
  }

  @Override
  public boolean onMiss(K key, long size, Consumer<? super K> evicted) {
    SegmentKey segment = shape.of(key);
    record(segment.title(), segment.rendition(), segment.index());
    if (size > capacity) return false;
    double worth = value(segment);
    while (used + size > capacity) {
      Entry<K> victim = leastValuable();
      if (leastValue >= worth) return false;
      drop(victim);
      learnResidence(clock - victim.touched);
      evicted.accept(victim.key);
    }
    Entry<K> e = new Entry<>(key, size, segment);
    e.slot = slots.size();
    e.touched = clock;
    slots.add(e);
    index.put(key, e);
    used += size;
    return true;
  }

  private void record(long title, int rendition, int index) {
    if (index < 0) {
      objects.increment(SegmentKey.objectHash(title, rendition, index));
      return;
    }
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
    return steadyValue(s.title(), s.rendition(), s.index()) + followersValue(s.title(), s.rendition(), s.index());
  }

  /** The part of the value that comes from sessions not started yet: the title model. */
  private double steadyValue(long title, int rendition, int index) {
    if (index < 0) return objects.estimate(SegmentKey.objectHash(title, rendition, index)) / (double) objects.window();
    double sessionShare = titles.startShare(title);
    double startsPerRequest = starts / (double) Math.max(1, segmentRequests);
    double fromNewSessions = sessionShare * startsPerRequest * audience.survival(title, index)
        * audience.renditionShare(rendition, index);
    return fromNewSessions * withinHorizon(index);
  }

  /** The part that comes from sessions watching the title now, behind the segment; never negative. */
  private double followersValue(long title, int rendition, int index) {
    return index >= 0 ? live.followers(title, rendition, index, clock, audience.curve(title), audience) : 0;
  }

  /**
   * Share of the horizon left after a session starting now would reach {@code index}: sooner, only
   * sessions already watching (the followers) can ask for it, so a deep segment with none behind it
   * is worth less now than its long-run rate says.
   */
  private double withinHorizon(int index) {
    return withinHorizon(index, live.spacing(), HORIZON * residence);
  }

  /** {@code horizon} and {@code spacing} (a segment's duration) in requests; no horizon yet: all of it. */
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
  private Entry<K> leastValuable() {
    int n = Math.min(SAMPLE, slots.size());
    int least = 0;
    for (int i = 0; i < n; i++) {
      drawn[i] = slots.get(random.nextInt(slots.size()));
      steady[i] = steadyValue(drawn[i].title, drawn[i].rendition, drawn[i].index);
      if (steady[i] < steady[least]) least = i;
    }
    Entry<K> best = drawn[least];
    leastValue = steady[least] + followersValue(best.title, best.rendition, best.index);
    for (int i = 0; i < n; i++) {
      if (i == least || steady[i] >= leastValue) continue;
      double v = steady[i] + followersValue(drawn[i].title, drawn[i].rendition, drawn[i].index);
      if (v < leastValue) {
        best = drawn[i];
        leastValue = v;
      }
    }
    return best;
  }

  private void drop(Entry<K> e) {
    index.remove(e.key);
    Entry<K> last = slots.removeLast();
    if (last != e) {
      slots.set(e.slot, last);
      last.slot = e.slot;
    }
    used -= e.size;
  }

  @Override
  public void remove(K key) {
    Entry<K> e = index.get(key);
    if (e != null) drop(e);
  }

  @Override
  public long usedBytes() {
    return used;
  }

  @Override
  public long capacityBytes() {
    return capacity;
  }

  @Override
  public int objectCount() {
    return index.size();
  }
}
