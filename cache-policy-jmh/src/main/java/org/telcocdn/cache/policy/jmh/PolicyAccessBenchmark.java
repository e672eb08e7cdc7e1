package org.telcocdn.cache.policy.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.VideoIds;
import org.telcocdn.cache.sim.GeneralWorkload;
import org.telcocdn.cache.sim.MixedWorkload;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.cache.sim.VideoWorkload;

/**
 * The cost of one request to a policy, as the disk tier pays it under its lock: contains, then
 * onHit or onMiss (with its evictions). Requests come from a generated trace (video, general or
 * both mixed half and half), replayed in a loop, so hits, misses, refusals and evictions mix as in
 * the simulator. SampleTime mode reports the median.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyAccessBenchmark {
  @Param({"lru", "s3fifo", "wtinylfu", "vpop"})
  String policy;

  @Param({"0.01", "0.1"})
  double size;

  @Param({"video", "general", "mixed"})
  String workload;

  private Long[] ids;
  private long[] sizes;
  private CachePolicy<Long> cache;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Trace trace = trace(500_000);
    ids = new Long[trace.length()];
    sizes = new long[trace.length()];
    for (int i = 0; i < trace.length(); i++) {
      ids[i] = trace.id(i);
      sizes[i] = trace.size(i);
    }
    cache =
        PolicyName.of(policy)
            .create(
                (long) (trace.workingSetBytes() * size), trace.meanObjectSize(), VideoIds.SHAPE);
  }

  private Trace trace(int requests) {
    VideoWorkload.Settings video = VideoWorkload.Settings.defaults(1).withRequests(requests);
    GeneralWorkload.Settings general = new GeneralWorkload.Settings(1, 100_000, requests, 0.8, 0.2);
    return switch (workload) {
      case "video" -> new VideoWorkload(video).generate();
      case "general" -> new GeneralWorkload(general).generate();
      case "mixed" -> new MixedWorkload(new MixedWorkload.Settings(video, general, 0.5)).generate();
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    };
  }

  @Benchmark
  public boolean access() {
    int i = next;
    next = i + 1 == ids.length ? 0 : i + 1;
    Long id = ids[i];
    if (cache.contains(id)) {
      cache.onHit(id);
      return true;
    }
    return cache.onMiss(id, sizes[i], victim -> {});
  }
}
