package org.telcocdn.cache.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.telcocdn.predict.model.GlobalModel;

class EdgePredictorTest {
  private final AtomicLong millis = new AtomicLong(1_796_400_000_000L);

  private static PredictConfig config(double threshold) {
    return new PredictConfig(
        true, 64, threshold, "", Duration.ofMinutes(5), Duration.ofMinutes(30), 3, 0.6, 1024);
  }

  private EdgePredictor predictor(double threshold) {
    return new EdgePredictor(
        "edge-1",
        "site-a",
        config(threshold),
        new PredictMetrics(new SimpleMeterRegistry()),
        millis::get);
  }

  /** A session of {@code title}: init, then segments 1..n of rendition 360p, one a second. */
  private void session(EdgePredictor p, DemandFeed feed, String title, int n, String sid) {
    String[] cmcd = {null, null, "sid=\"" + sid + "\",st=v", null};
    feed.offer(new ViewerRequest(millis.get(), "/videos/" + title + "/360p/init.mp4", cmcd));
    for (int s = 1; s <= n; s++)
      feed.offer(
          new ViewerRequest(
              millis.get(),
              "/videos/" + title + ";URISigningPackage=abc/360p/seg_%05d.m4s".formatted(s),
              cmcd));
  }

  @Test
  void aTitleOverTheThresholdRaisesOneAlarmWithItsFirstSegments() {
    EdgePredictor p = predictor(0.001); // the fresh model's prior is 0.018: everything alarms
    DemandFeed feed = new DemandFeed(1024);
    for (int second = 0; second < 30; second++) {
      session(p, feed, "title-a", 3, "s" + second);
      millis.addAndGet(1000);
      p.step(feed);
    }
    PredictionView view = p.view();
    assertThat(view.edge()).isEqualTo("edge-1");
    assertThat(view.titles()).extracting(TitleScore::videoId).containsExactly("title-a");
    assertThat(view.alarms()).hasSize(1); // the cool-down keeps it to one
    Alarm alarm = view.alarms().getFirst();
    assertThat(alarm.videoId()).isEqualTo("title-a");
    assertThat(alarm.paths())
        .startsWith("360p/init.mp4", "360p/seg_00001.m4s")
        .allMatch(path -> path.matches("360p/(init\\.mp4|seg_0000[1-3]\\.m4s)"));
    assertThat(alarm.toJson()).containsKeys("reason", "probability", "paths");
  }

  @Test
  void belowTheThresholdNothingIsRaisedAndMalformedPathsAreIgnored() {
    EdgePredictor p = predictor(0.99);
    DemandFeed feed = new DemandFeed(16);
    feed.offer(new ViewerRequest(millis.get(), "/videos/../etc/passwd", null));
    feed.offer(new ViewerRequest(millis.get(), "/videos/UPPER/360p/seg_00001.m4s", null));
    feed.offer(new ViewerRequest(millis.get(), "/videos/t/360p/seg_00001.m4s?CMCD=bl%3D300", null));
    millis.addAndGet(12_000);
    p.step(feed);
    assertThat(p.view().alarms()).isEmpty();
    assertThat(p.view().titles()).extracting(TitleScore::videoId).containsExactly("t");
  }

  @Test
  void aGlobalModelIsAdoptedOnceAndAModelOfAnotherShapeRefused() {
    EdgePredictor p = predictor(0.5);
    assertThat(p.joined()).isFalse();
    assertThat(p.update()).as("nothing sent before joining").isNull();
    int size =
        org.telcocdn.predict.model.SpikeModel.sharedSize(
            org.telcocdn.predict.signal.Feature.COUNT, EdgePredictor.HIDDEN);
    assertThat(p.adopt(new GlobalModel(3, new float[size]))).isTrue();
    assertThat(p.version()).isEqualTo(3);
    assertThat(p.adopt(new GlobalModel(3, new float[size]))).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> p.adopt(new GlobalModel(4, new float[7])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFullFeedDropsAndCountsInsteadOfGrowing() {
    DemandFeed feed = new DemandFeed(16);
    for (int i = 0; i < 40; i++) feed.offer(new ViewerRequest(0, "/videos/t/a/seg_1.m4s", null));
    assertThat(feed.waiting()).isEqualTo(16);
    assertThat(feed.dropped()).isEqualTo(24);
  }
}
