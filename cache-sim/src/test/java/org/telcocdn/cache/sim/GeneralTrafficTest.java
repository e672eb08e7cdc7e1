package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A regression guard for the edge's default policy: on general (non-video) traffic vpop must not
 * lose to S3-FIFO in byte miss ratio, and on video traffic it must keep its lead. Small seeded
 * traces, so the result is the same on every run.
 */
class GeneralTrafficTest {
  private static final List<Double> SIZES = List.of(0.01, 0.05, 0.1, 0.2);

  private static Map<String, Result> run(Trace trace, double size) {
    return new Simulator(trace, 0.2)
        .run(List.of("s3fifo", "vpop"), List.of(size)).stream()
            .collect(Collectors.toMap(Result::policy, r -> r));
  }

  @Test
  void onGeneralTracesVpopIsNoWorseThanS3Fifo() {
    List<GeneralWorkload.Settings> traces =
        List.of(
            new GeneralWorkload.Settings(1, 20_000, 60_000, 0.8, 0.2), // stationary, G-s1 in small
            new GeneralWorkload.Settings(
                2, 20_000, 60_000, 1.1, 0.5, 100, 100_000, 0), // skewed, half one-hit wonders
            new GeneralWorkload.Settings(
                3, 20_000, 60_000, 0.7, 0.1, 1024, 4L << 20, 20)); // drifting popularity
    for (GeneralWorkload.Settings settings : traces) {
      Trace trace = new GeneralWorkload(settings).generate();
      for (double size : SIZES) {
        Map<String, Result> r = run(trace, size);
        assertThat(r.get("vpop").byteMissRatio())
            .as("%s at %s", settings, size)
            .isLessThanOrEqualTo(r.get("s3fifo").byteMissRatio());
      }
    }
  }

  @Test
  void onAVideoTraceVpopKeepsItsLead() {
    Trace trace =
        new VideoWorkload(VideoWorkload.Settings.defaults(1).withRequests(60_000)).generate();
    for (double size : SIZES) {
      Map<String, Result> r = run(trace, size);
      assertThat(r.get("vpop").byteMissRatio())
          .as("at %s", size)
          .isLessThan(r.get("s3fifo").byteMissRatio());
    }
  }
}
