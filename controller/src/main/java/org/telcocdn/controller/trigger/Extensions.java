package org.telcocdn.controller.trigger;

import java.util.List;
import java.util.Map;

/**
 * CI/T extensions as the controller writes them into the triggers it submits itself (the nightly
 * fill, prepositions on predicted spikes), in the form {@link TriggerExtensions} reads.
 */
public final class Extensions {
  private Extensions() {}

  /** {@code {"generic-trigger-extension-type": type, ...-value: value, "mandatory-to-enforce"}}. */
  public static Map<String, Object> of(String type, Object value, boolean mandatory) {
    return Map.of(
        "generic-trigger-extension-type",
        type,
        "generic-trigger-extension-value",
        value,
        "mandatory-to-enforce",
        mandatory);
  }

  /** A mandatory {@code CIT.LocationPolicy} allowing {@code site} only. */
  public static Map<String, Object> siteOnly(String site) {
    return of(
        TriggerExtensions.LOCATION,
        Map.of(
            "locations",
            List.of(
                Map.of(
                    "action",
                    "allow",
                    "footprints",
                    List.of(Map.of("footprint-type", "site", "footprint-value", List.of(site)))))),
        true);
  }
}
