package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlashCrowdWorkloadTest {
  private static final FlashCrowdWorkload.Settings SMALL =
      new FlashCrowdWorkload.Settings(5, 300, 100_000, 0.9, 3, 1, 8, 8);

  @TempDir Path dir;

  @Test
  void aSeedGivesTheSameTraceAndLabels() {
    FlashCrowdWorkload.Output a = new FlashCrowdWorkload(SMALL).generate();
    FlashCrowdWorkload.Output b = new FlashCrowdWorkload(SMALL).generate();
    assertThat(a.labels()).isEqualTo(b.labels());
    assertThat(a.trace().length()).isEqualTo(b.trace().length());
    for (int i = 0; i < a.trace().length(); i += 997) {
      assertThat(a.trace().id(i)).isEqualTo(b.trace().id(i));
      assertThat(a.trace().site(i)).isEqualTo(b.trace().site(i));
    }
  }

  @Test
  void requestsComeInTimeOrderFromEverySiteAndLabelsFollowTheRule() {
    FlashCrowdWorkload.Output out = new FlashCrowdWorkload(SMALL).generate();
    Trace t = out.trace();
    assertThat(t.hasSites()).isTrue();
    assertThat(t.siteCount()).isEqualTo(3);
    for (int i = 1; i < t.length(); i++)
      assertThat(t.time(i)).isGreaterThanOrEqualTo(t.time(i - 1));
    assertThat(out.labels())
        .isNotEmpty()
        .isSortedAccordingTo(Comparator.comparingLong(FlashCrowd::onset));
    assertThat(out.labels())
        .allSatisfy(
            l -> {
              assertThat(l.peakPerMinute())
                  .isGreaterThanOrEqualTo(FlashCrowdWorkload.SPIKE_FLOOR_PER_MINUTE * 0.999);
              assertThat(l.peakPerMinute())
                  .isGreaterThanOrEqualTo(FlashCrowdWorkload.SPIKE_RATIO * l.basePerMinute());
              assertThat(l.onset()).isBetween(0L, 86_400L);
            });
    assertThat(out.labels())
        .extracting(FlashCrowd::kind)
        .contains(FlashCrowd.Kind.RELEASE, FlashCrowd.Kind.VIRAL, FlashCrowd.Kind.LIVE);
  }

  @Test
  void aCrowdsTitleIsRequestedFarMoreAtItsSiteAroundItsOnsetThanBefore() {
    FlashCrowdWorkload.Output out = new FlashCrowdWorkload(SMALL).generate();
    FlashCrowd crowd = out.labels().getFirst();
    Trace t = out.trace();
    int before = 0, after = 0;
    for (int i = 0; i < t.length(); i++) {
      if (t.site(i) != crowd.site()
          || org.telcocdn.cache.policy.VideoIds.shape(t.id(i)).title() != crowd.title()) continue;
      if (t.time(i) >= crowd.onset() - 1200 && t.time(i) < crowd.onset() - 600) before++;
      if (t.time(i) >= crowd.onset() && t.time(i) < crowd.onset() + 600) after++;
    }
    assertThat(after).isGreaterThan(5 * Math.max(1, before));
  }

  @Test
  void labelsRoundTripThroughTheirFileBesideTheTrace() throws Exception {
    FlashCrowdWorkload.Output out = new FlashCrowdWorkload(SMALL).generate();
    Path labels = FlashCrowdLabels.beside(dir.resolve("run.csv"));
    assertThat(labels.getFileName().toString()).isEqualTo("run.labels.csv");
    FlashCrowdLabels.write(out.labels(), labels);
    assertThat(FlashCrowdLabels.read(labels))
        .extracting(FlashCrowd::onset, FlashCrowd::site, FlashCrowd::title, FlashCrowd::kind)
        .containsExactlyElementsOf(
            out.labels().stream()
                .map(
                    l ->
                        org.assertj.core.groups.Tuple.tuple(
                            l.onset(), l.site(), l.title(), l.kind()))
                .toList());
  }

  @Test
  void aSiteColumnRoundTripsThroughCsvAndABadSiteIsRefused() throws Exception {
    Trace t = new Trace.Builder().add(1, 10, 100, 2).add(2, 11, 100, 0).build();
    Path file = dir.resolve("t.csv");
    TraceFormat.CSV.write(t, file);
    Trace back = TraceFormat.CSV.read(file);
    assertThat(back.site(0)).isEqualTo(2);
    assertThat(back.siteCount()).isEqualTo(3);
    assertThatThrownBy(() -> new Trace.Builder().add(1, 1, 1, 128)).hasMessageContaining("site");
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new FlashCrowdWorkload.Settings(1, 100, 1000, 0.9, 2, 1, 1, 1))
        .hasMessageContaining("200 titles");
    assertThatThrownBy(() -> new FlashCrowdWorkload.Settings(1, 300, 1000, 0.9, 200, 1, 1, 1))
        .hasMessageContaining("sites");
  }
}
