package org.telcocdn.predict.eval;

/**
 * How one method did against the labels over the scored period.
 *
 * @param events flash crowds whose onset falls in the scored period
 * @param detected events with an alarm in their window
 * @param alarms alarms raised in the scored period (those matching a crowd outside it left out)
 * @param falseAlarms alarms in no crowd's window
 * @param medianLead median over detected events of onset minus the first alarm in its window,
 *     seconds
 * @param p10Lead the 10th percentile of the same (nine in ten detected events had at least this
 *     lead)
 */
public record Detection(
    Method method,
    double threshold,
    int events,
    int detected,
    int alarms,
    int falseAlarms,
    double precision,
    double recall,
    double f1,
    double medianLead,
    double p10Lead,
    double falseAlarmsPerSiteHour) {}
