package org.telcocdn.predict.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * When a score becomes an alarm, the same rule for every method: the score is at or above the
 * method's threshold and the method raised no alarm for that title at that site in the last {@value
 * #HOLD_SECONDS} seconds. The hold stands for what acting does in the live system: the first
 * segments are in place and the allocation raised, so a second alarm for the same crowd would add
 * nothing (and would count as a false alarm, being outside the crowd's window).
 */
final class AlarmRule {
  static final int HOLD_SECONDS = 1800;

  private AlarmRule() {}

  static List<Alarm> alarms(ScoreTape tape, Method method, double threshold) {
    List<Alarm> alarms = new ArrayList<>();
    HashMap<Long, Long> last = new HashMap<>();
    for (int i = 0; i < tape.size(); i++) {
      if (tape.score(i) < threshold) continue;
      long key = (long) tape.site(i) << 32 | tape.title(i);
      Long before = last.get(key);
      if (before != null && tape.time(i) - before < HOLD_SECONDS) continue;
      last.put(key, tape.time(i));
      alarms.add(
          new Alarm(
              tape.time(i),
              tape.site(i),
              tape.title(i),
              tape.score(i),
              method,
              tape.logRequests(i)));
    }
    return alarms;
  }
}
