package org.telcocdn.raw;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;

/** The origin's own meters; every outcome is a closed enum so dashboards can sum over reasons. */
public final class OriginMetrics {
  /** How an ingest ended; BUSY = refused at its head, the transcode queue being full. */
  public enum IngestOutcome {
    OK,
    NOT_A_VIDEO,
    TRANSCODE_FAILED,
    METADATA_FAILED,
    STORE_FAILED,
    BUSY
  }

  /** How a gRPC fetch or stat ended. */
  public enum FetchOutcome {
    OK,
    NOT_FOUND,
    INVALID_ARGUMENT,
    OUT_OF_RANGE,
    CANCELLED,
    ERROR
  }

  private final MeterRegistry registry;

  public OriginMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void ingest(IngestOutcome outcome) {
    Counter.builder("origin.ingests")
        .description("Ingests by outcome")
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }

  /**
   * The transcode queue's state: ingests admitted (uploading, waiting, transcoding) and transcodes
   * running.
   */
  public void transcodeQueue(IntSupplier admitted, IntSupplier running) {
    Gauge.builder("origin.ingest.admitted", admitted::getAsInt)
        .description("Ingests admitted: uploading, waiting for a transcode, or transcoding")
        .register(registry);
    Gauge.builder("origin.transcode.running", running::getAsInt)
        .description("Transcodes running")
        .register(registry);
  }

  public void transcode(Duration took) {
    Timer.builder("origin.transcode")
        .description("Time ffmpeg spent on one ladder")
        .register(registry)
        .record(took);
  }

  public void fetch(String method, FetchOutcome outcome) {
    Counter.builder("origin.grpc.fetches")
        .description("gRPC Fetch/Stat calls by outcome")
        .tag("method", method)
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }

  public void bytesSent(long bytes) {
    Counter.builder("origin.grpc.bytes")
        .description("Object bytes streamed over gRPC")
        .baseUnit("bytes")
        .register(registry)
        .increment(bytes);
  }
}
