package org.telcocdn.controller.predict;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.predict.signal.CrossSite;
import org.telcocdn.predict.signal.TitleKeys;

/**
 * The cross-site digest in the live system (docs/prediction.md, "Features"): each edge reports, for
 * every title it saw starting at least {@value CrossSite#REPORT_FLOOR} sessions a minute, that rate
 * (a title, a site and a number: never a request); the controller keeps them in a {@link
 * CrossSite}, relays every {@value #PERIOD} s, and answers each report with the highest rate of
 * each title at another site as last relayed. Bounded: {@value #MAX_SITES} sites, {@value
 * #MAX_TITLES} titles named, {@value #MAX_REPORT} rates a report; {@code CrossSite} forgets a title
 * an hour after its last report.
 */
final class CrossSiteRelay {
  static final int PERIOD = 30;
  static final int MAX_SITES = 64;
  static final int MAX_TITLES = 65_536;
  static final int MAX_REPORT = 4096;

  private final CrossSite crossSite = new CrossSite(MAX_SITES, PERIOD);
  private final HashMap<String, Integer> sites = new HashMap<>();
  private final LinkedHashMap<Long, String> names =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > MAX_TITLES;
        }
      };

  /**
   * Takes {@code site}'s rates at {@code now} (Unix seconds); the other sites' rates of every
   * title.
   */
  synchronized Map<String, Double> report(String site, Map<String, Double> rates, long now) {
    if (rates.size() > MAX_REPORT)
      throw ApiException.badRequest(
          "rates: at most " + MAX_REPORT + " titles a report, was " + rates.size());
    int index = index(site);
    rates.forEach(
        (videoId, rate) -> {
          long key = TitleKeys.of(videoId);
          names.put(key, videoId);
          crossSite.report(index, key, now, rate);
        });
    crossSite.relay(now);
    Map<String, Double> elsewhere = new LinkedHashMap<>();
    for (Map.Entry<Long, String> e : names.entrySet()) {
      double rate = crossSite.startsElsewhere(index, e.getKey(), now);
      if (rate > 0 && elsewhere.size() < MAX_REPORT) elsewhere.put(e.getValue(), rate);
    }
    return elsewhere;
  }

  private int index(String site) {
    Integer known = sites.get(site);
    if (known != null) return known;
    if (sites.size() == MAX_SITES)
      throw ApiException.unavailable("the cross-site relay holds " + MAX_SITES + " sites already");
    sites.put(site, sites.size());
    return sites.size() - 1;
  }
}
