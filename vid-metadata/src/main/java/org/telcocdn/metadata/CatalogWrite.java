package org.telcocdn.metadata;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The kinds of catalog write, counted in {@code metadata_video_writes_total{operation=...}}. */
enum CatalogWrite {
  CREATE,
  UPDATE,
  DELETE;

  /**
   * One counter per kind, registered up front so that /metrics shows zeros before the first write.
   */
  static Map<CatalogWrite, Counter> counters(MeterRegistry registry) {
    Map<CatalogWrite, Counter> counters = new EnumMap<>(CatalogWrite.class);
    for (CatalogWrite write : values()) {
      counters.put(
          write,
          Counter.builder("metadata.video.writes")
              .description("Catalog writes that committed")
              .tag("operation", write.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    return counters;
  }
}
