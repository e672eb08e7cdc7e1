package org.telcocdn.cache.sim;

import java.util.SplittableRandom;

/**
 * One edge's traffic of two kinds in one trace: the sessions of a {@link VideoWorkload} and the
 * requests of a {@link GeneralWorkload} (posters, pages, any origin's objects), each with its own
 * popularity, interleaved at random so that {@code generalShare} of the requests are general ones.
 * A general request takes the time of the video request before it. The two kinds' ids never meet:
 * segments carry the {@link org.telcocdn.cache.policy.VideoIds} tag, general objects are small
 * numbers (or drifting ones from 2^40), so a policy sees which is which as the edge does from its
 * paths.
 */
public final class MixedWorkload {
  /** The generator's knobs: each kind's, and the share of requests that are general. */
  public record Settings(
      VideoWorkload.Settings video, GeneralWorkload.Settings general, double generalShare) {
    public Settings {
      if (!(generalShare >= 0 && generalShare <= 1))
        throw new IllegalArgumentException(
            "the general share must be in [0, 1], was " + generalShare);
    }
  }

  private final Settings settings;

  public MixedWorkload(Settings settings) {
    this.settings = settings;
  }

  public Trace generate() {
    int requests = settings.video().requests();
    int general = (int) Math.round(requests * settings.generalShare());
    Trace videos = new VideoWorkload(settings.video().withRequests(requests - general)).generate();
    Trace others = new GeneralWorkload(settings.general().withRequests(general)).generate();
    return interleave(videos, others, new SplittableRandom(settings.video().seed() ^ 0x31AEDL));
  }

  /** A uniformly random interleaving that keeps each trace's order. */
  private static Trace interleave(Trace videos, Trace others, SplittableRandom random) {
    Trace.Builder mixed = new Trace.Builder();
    int v = 0;
    int o = 0;
    long time = 0;
    while (v < videos.length() || o < others.length()) {
      int left = videos.length() - v + others.length() - o;
      if (random.nextInt(left) < others.length() - o) {
        mixed.add(time, others.id(o), others.size(o));
        o++;
      } else {
        time = videos.time(v);
        mixed.add(time, videos.id(v), videos.size(v));
        v++;
      }
    }
    return mixed.build();
  }
}
