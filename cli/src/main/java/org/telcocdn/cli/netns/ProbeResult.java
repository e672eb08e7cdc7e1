package org.telcocdn.cli.netns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.LinkSpec;

/**
 * What {@link LinkProbe} measured on one link against its spec, and the verdict. Tolerances (the
 * issue's): round trip within 10 % or 0.3 ms of twice the one-way delay, whichever is larger; rate
 * within 10 %; loss within 1 percentage point.
 *
 * @param connectRttMs median time of a TCP connect (SYN out, SYN-ACK back)
 * @param requestRttMs median time of a one-byte request and its one-byte answer on an open
 *     connection
 * @param rateMbit what arrived of a UDP stream sent at 120 % of the rate, corrected for the
 *     measured loss; null for an unshaped link
 * @param lossPct share of a paced UDP stream that did not arrive, in percent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeResult(
    String a,
    String b,
    LinkSpec spec,
    double expectedRttMs,
    double connectRttMs,
    double requestRttMs,
    Double rateMbit,
    double lossPct,
    List<String> problems) {
  static final double RTT_SHARE = 0.10;
  static final double RTT_FLOOR_MS = 0.3;
  static final double RATE_SHARE = 0.10;
  static final double LOSS_POINTS = 1.0;

  public boolean ok() {
    return problems.isEmpty();
  }

  /** Whether both round trips, {@code [connect, request]} in ms, are within the tolerance. */
  static boolean rttWithinSpec(LinkSpec spec, double[] rtt) {
    double expected = spec.roundTripMs();
    double tolerance = Math.max(RTT_SHARE * expected, RTT_FLOOR_MS);
    return Math.abs(rtt[0] - expected) <= tolerance && Math.abs(rtt[1] - expected) <= tolerance;
  }

  static ProbeResult judge(
      Link link, double connectMs, double requestMs, Double rateMbit, double lossPct) {
    LinkSpec spec = link.spec();
    double expected = spec.roundTripMs();
    double rttTolerance = Math.max(RTT_SHARE * expected, RTT_FLOOR_MS);
    List<String> problems = new ArrayList<>();
    if (Math.abs(connectMs - expected) > rttTolerance)
      problems.add(off("connect round trip", connectMs, expected, rttTolerance, "ms"));
    if (Math.abs(requestMs - expected) > rttTolerance)
      problems.add(off("request round trip", requestMs, expected, rttTolerance, "ms"));
    if (rateMbit != null && Math.abs(rateMbit - spec.rateMbit()) > RATE_SHARE * spec.rateMbit()) {
      problems.add(off("rate", rateMbit, spec.rateMbit(), RATE_SHARE * spec.rateMbit(), "Mbit/s"));
    }
    if (Math.abs(lossPct - spec.lossPct()) > LOSS_POINTS)
      problems.add(off("loss", lossPct, spec.lossPct(), LOSS_POINTS, "%"));
    return new ProbeResult(
        link.a(),
        link.b(),
        spec,
        expected,
        connectMs,
        requestMs,
        rateMbit,
        lossPct,
        List.copyOf(problems));
  }

  private static String off(
      String what, double measured, double wanted, double tolerance, String unit) {
    return String.format(
        Locale.ROOT, "%s %.3f %s, spec %.3f ± %.3f", what, measured, unit, wanted, tolerance);
  }
}
