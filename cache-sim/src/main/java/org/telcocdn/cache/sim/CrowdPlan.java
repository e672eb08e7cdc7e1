package org.telcocdn.cache.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.telcocdn.cache.sim.CrowdCurve.Shape;

/**
 * Which crowds a {@link FlashCrowdWorkload} holds, where and when. A <em>story</em> (a release, a
 * viral clip, a live event) can draw a crowd at several sites: a release and a live event at the
 * same moment everywhere, a viral clip at one site first and at others 5 to 40 minutes later. Each
 * site favours one kind (60 % of its crowds, 20 % each of the others), so sites differ in what they
 * see. Per site and day: {@code flashCrowds} strong appearances (peak {@value #FLOOR_MULTIPLE_MAX}
 * times the floor at most, at least the floor) and {@code decoys} that never become a flash crowd:
 * a story that draws only a few viewers here (at most 0.4 times the floor), or a surge of a title
 * already popular here (2 to 4 times its usual rate), as when a trailer airs.
 */
final class CrowdPlan {
  private static final double FLOOR = FlashCrowdWorkload.SPIKE_FLOOR_PER_MINUTE / 60;
  private static final double FLOOR_MULTIPLE_MAX = 8;
  private static final double JOIN_EXISTING = 0.35;
  private static final Shape[] KINDS = {Shape.RELEASE, Shape.VIRAL, Shape.LIVE};

  private static final class Story {
    final Shape kind;
    final double at;
    final int title;
    final double preShow;
    final double streamEnd;
    final HashSet<Integer> sites = new HashSet<>();

    Story(Shape kind, double at, int title, double preShow, double streamEnd) {
      this.kind = kind;
      this.at = at;
      this.title = title;
      this.preShow = preShow;
      this.streamEnd = streamEnd;
    }
  }

  private final SplittableRandom random;
  private final SiteTastes tastes;
  private final double span;
  private final List<Story> stories = new ArrayList<>();
  private final List<HashSet<Integer>> titlesAt = new ArrayList<>();
  private final int[] clips;
  private final List<Integer> newLengths = new ArrayList<>();
  private final int catalog;
  final List<CrowdCurve> curves = new ArrayList<>();

  CrowdPlan(
      SplittableRandom random,
      FlashCrowdWorkload.Settings settings,
      SiteTastes tastes,
      int[] lengths) {
    this.random = random;
    this.tastes = tastes;
    this.span = settings.days() * 86_400.0;
    this.catalog = settings.titles();
    this.clips =
        java.util.stream.IntStream.range(0, catalog).filter(t -> lengths[t] <= 75).toArray();
    int favouriteOffset = random.nextInt(KINDS.length);
    for (int s = 0; s < tastes.sites(); s++) titlesAt.add(new HashSet<>());
    for (int s = 0; s < tastes.sites(); s++) {
      for (int i = 0; i < settings.flashCrowds() * settings.days(); i++)
        strong(s, kindAt(s, favouriteOffset));
    }
    for (int s = 0; s < tastes.sites(); s++) {
      for (int i = 0; i < settings.decoys() * settings.days(); i++) decoy(s);
    }
  }

  /** Lengths in segments of the titles this plan added after the catalog, in title order. */
  List<Integer> newTitleLengths() {
    return newLengths;
  }

  private Shape kindAt(int site, int offset) {
    double u = random.nextDouble();
    int favourite = (site + offset) % KINDS.length;
    if (u < 0.6) return KINDS[favourite];
    return KINDS[(favourite + (u < 0.8 ? 1 : 2)) % KINDS.length];
  }

  private void strong(int site, Shape kind) {
    Story story = random.nextDouble() < JOIN_EXISTING ? joinable(site, kind) : null;
    if (story == null) story = newStory(kind, site);
    if (story == null) return;
    appear(story, site, FLOOR * Math.exp(random.nextDouble() * Math.log(FLOOR_MULTIPLE_MAX)));
  }

  private void decoy(int site) {
    double u = random.nextDouble();
    if (u >= 0.7) {
      surge(site);
      return;
    }
    Shape kind = KINDS[random.nextInt(KINDS.length)];
    Story story = u < 0.35 ? joinable(site, kind) : null;
    if (story == null) story = newStory(kind, site);
    if (story != null)
      appear(
          story,
          site,
          FLOOR * Math.exp(Math.log(0.05) + random.nextDouble() * Math.log(0.4 / 0.05)));
  }

  /** A story of this kind not yet at the site whose crowd would fit in the trace. */
  private Story joinable(int site, Shape kind) {
    List<Story> fits =
        stories.stream()
            .filter(
                st ->
                    st.kind == kind
                        && !st.sites.contains(site)
                        && !titlesAt.get(site).contains(st.title)
                        && st.at < span * 0.85)
            .toList();
    return fits.isEmpty() ? null : fits.get(random.nextInt(fits.size()));
  }

  private Story newStory(Shape kind, int site) {
    double at = span * (0.1 + 0.8 * random.nextDouble());
    Story story =
        switch (kind) {
          case RELEASE -> new Story(kind, at, newTitle(20 + random.nextInt(101)), 0, 0);
          case LIVE -> {
            double start = Math.round(at / 900) * 900.0; // broadcasts start on the quarter hour
            double minutes = 60 + random.nextInt(61);
            yield new Story(
                kind, start, newTitle(0), 300 + 600 * random.nextDouble(), start + minutes * 60);
          }
          default -> {
            int title = viralTitle(site);
            yield title < 0 ? null : new Story(kind, at, title, 0, 0);
          }
        };
    if (story != null) stories.add(story);
    return story;
  }

  /**
   * A new title after the catalog; {@code minutes} 0 for a live stream (its length follows the
   * stream).
   */
  private int newTitle(int minutes) {
    newLengths.add(minutes * 60 / ViewingSession.SEGMENT_SECONDS);
    return catalog + newLengths.size() - 1;
  }

  /** A catalog clip outside the site's top 100, not already in a crowd there. */
  private int viralTitle(int site) {
    for (int tries = 0; tries < 50 && clips.length > 0; tries++) {
      int title = clips[random.nextInt(clips.length)];
      if (tastes.rank(site, title) >= 100 && !titlesAt.get(site).contains(title)) return title;
    }
    return -1;
  }

  private void appear(Story story, int site, double peak) {
    CrowdCurve curve =
        switch (story.kind) {
          case RELEASE ->
              new CrowdCurve(
                  Shape.RELEASE,
                  site,
                  story.title,
                  story.at,
                  60 + 240 * random.nextDouble(),
                  1200 + 2400 * random.nextDouble(),
                  0,
                  peak);
          case LIVE ->
              new CrowdCurve(
                  Shape.LIVE,
                  site,
                  story.title,
                  story.at,
                  story.preShow,
                  180 + 420 * random.nextDouble(),
                  story.streamEnd,
                  peak);
          default -> {
            double lag = story.sites.isEmpty() ? 0 : 300 + 2100 * random.nextDouble();
            yield new CrowdCurve(
                Shape.VIRAL,
                site,
                story.title,
                story.at + lag,
                30 + 90 * random.nextDouble(),
                900 + 2700 * random.nextDouble(),
                0,
                peak);
          }
        };
    story.sites.add(site);
    titlesAt.get(site).add(story.title);
    curves.add(curve);
  }

  /** A title in the site's top 30 draws 1 to 3 times its usual rate more, for 20 to 60 minutes. */
  private void surge(int site) {
    for (int tries = 0; tries < 50; tries++) {
      int title = tastes.titleAt(site, random.nextInt(30));
      if (titlesAt.get(site).contains(title)) continue;
      double at = span * (0.1 + 0.8 * random.nextDouble());
      double extra = tastes.baseRate(site, title, at) * (1 + 2 * random.nextDouble());
      titlesAt.get(site).add(title);
      curves.add(
          new CrowdCurve(
              Shape.SURGE,
              site,
              title,
              at,
              60 + 240 * random.nextDouble(),
              1200 + 2400 * random.nextDouble(),
              0,
              extra));
      return;
    }
  }
}
