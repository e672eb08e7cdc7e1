package org.telcocdn.raw.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.video.VideoId;
import org.telcocdn.raw.OriginMetrics;
import org.telcocdn.raw.OriginMetrics.IngestOutcome;
import org.telcocdn.raw.media.MediaInfo;
import org.telcocdn.raw.media.MediaToolException;
import org.telcocdn.raw.media.NotAVideoException;
import org.telcocdn.raw.media.Probe;
import org.telcocdn.raw.media.Rendition;
import org.telcocdn.raw.media.Transcoder;
import org.telcocdn.raw.store.VideoStore;

/**
 * One upload to a registered video: probe, transcode into staging, commit, register. The steps are
 * ordered so that every failure leaves nothing behind: a refused or failed transcode discards the
 * staging directory, and a registration that fails removes the committed video again, so the store
 * never holds a video the catalogue does not know (and edges never cache one).
 *
 * <p>Between commit and registration the video carries a {@link PendingRegistration}, so an origin
 * stopped in that window registers the video at its next start ({@link RegistrationRecovery}).
 *
 * <p>Transcodes are CPU-bound; they run {@code origin.transcode.concurrency} at a time and later
 * uploads wait in the {@link TranscodeQueue}, rather than all of them slowing to a crawl together;
 * the queue also refuses uploads beyond its backlog before they reach the disk, which is the
 * origin's cap on concurrent uploads. What an upload may be is {@link UploadRules}.
 */
public final class Ingest {
  private static final Logger log = LoggerFactory.getLogger(Ingest.class);

  private final VideoStore store;
  private final Probe probe;
  private final Transcoder transcoder;
  private final MetadataRegistry registry;
  private final OriginMetrics metrics;
  private final TranscodeQueue queue;
  private final UploadRules rules;

  public Ingest(
      VideoStore store,
      Probe probe,
      Transcoder transcoder,
      MetadataRegistry registry,
      OriginMetrics metrics,
      TranscodeQueue queue,
      UploadRules rules) {
    this.rules = rules;
    this.store = store;
    this.probe = probe;
    this.transcoder = transcoder;
    this.registry = registry;
    this.metrics = metrics;
    this.queue = queue;
  }

  /**
   * Admits uploads at their head: the ingest route's {@link
   * org.telcocdn.common.http.UploadAdmission}.
   */
  public TranscodeQueue queue() {
    return queue;
  }

  /** Writes a video's files into a staging directory; the answer is what to register. */
  @FunctionalInterface
  public interface Writer {
    VideoRegistration write(String id, Path dir) throws IOException;
  }

  /** Ingests {@code upload}; the answer is the catalogue's JSON of the new video. */
  public JsonNode ingest(Path upload, String name, List<String> tags) throws InterruptedException {
    MediaInfo info = probe(upload);
    rules.check(info);
    rules.checkStore(store.usedBytes(), 0);
    String id = VideoId.random();
    return register(transcodeAndCommit(upload, info, id, name, tags));
  }

  /**
   * A video made by other means than a transcode (a stopped live channel's recording): written by
   * {@code writer} into staging, committed and registered as an upload is, with the same store
   * budget and the same guarantees (nothing left behind on failure, a pending registration until
   * vid-metadata has it). The answer is the catalogue's JSON of the new video.
   */
  public JsonNode publish(Writer writer) {
    String id = VideoId.random();
    Path staged = null;
    try {
      staged = store.stage();
      VideoRegistration registration = writer.write(id, staged);
      rules.checkStore(store.usedBytes(), VideoStore.sizeOf(staged));
      PendingRegistration.write(staged, registration);
      store.commit(staged, id);
      staged = null;
      return register(registration);
    } catch (IOException e) {
      throw storeFailed(id, e);
    } finally {
      if (staged != null) store.discard(staged);
    }
  }

  /** Registers a committed video, or removes it again when vid-metadata refuses it. */
  private JsonNode register(VideoRegistration registration) {
    String id = registration.id();
    String name = registration.name();
    try {
      JsonNode video = registry.register(registration);
      owedNothing(id);
      metrics.ingest(IngestOutcome.OK);
      log.info(
          "ingested video {} '{}' with {} renditions", id, name, registration.renditions().size());
      return video;
    } catch (ApiException e) {
      store.delete(id);
      metrics.ingest(IngestOutcome.METADATA_FAILED);
      log.warn(
          "registration of video {} failed, removed it: {} {}", id, e.status(), e.getMessage());
      int status = e.status() == 503 ? 503 : 502;
      String error = status == 503 ? "metadata_unavailable" : "metadata_failed";
      throw new ApiException(
          status, error, "vid-metadata did not register the video: " + e.getMessage());
    }
  }

  /**
   * vid-metadata has the video: the pending registration goes (if that fails, the next start finds
   * it registered).
   */
  private void owedNothing(String id) {
    try {
      PendingRegistration.clear(store.videoDir(id));
    } catch (IOException e) {
      log.warn(
          "video {} is registered but its pending registration could not be cleared: {}",
          id,
          e.toString());
    }
  }

  private MediaInfo probe(Path upload) {
    try {
      return probe.probe(upload);
    } catch (NotAVideoException e) {
      metrics.ingest(IngestOutcome.NOT_A_VIDEO);
      throw new ApiException(422, "not_a_video", e.getMessage());
    } catch (MediaToolException e) {
      metrics.ingest(IngestOutcome.TRANSCODE_FAILED);
      throw new ApiException(500, "probe_failed", e.getMessage());
    }
  }

  /**
   * The registration owed for the committed video; it is kept beside the video until vid-metadata
   * confirms it.
   */
  private VideoRegistration transcodeAndCommit(
      Path upload, MediaInfo info, String id, String name, List<String> tags)
      throws InterruptedException {
    Path staged = null;
    try (TranscodeQueue.Running _ = queue.start()) {
      staged = store.stage();
      long started = System.nanoTime();
      List<Rendition> renditions = transcoder.transcode(upload, info, staged);
      metrics.transcode(Duration.ofNanos(System.nanoTime() - started));
      rules.checkStore(store.usedBytes(), VideoStore.sizeOf(staged));
      VideoRegistration registration =
          new VideoRegistration(
              id, name, tags, info.fileType(), info.durationSeconds(), renditions);
      PendingRegistration.write(staged, registration);
      store.commit(staged, id);
      staged = null;
      return registration;
    } catch (MediaToolException e) {
      metrics.ingest(IngestOutcome.TRANSCODE_FAILED);
      throw new ApiException(422, "transcode_failed", e.getMessage());
    } catch (IOException e) {
      throw storeFailed(id, e);
    } finally {
      if (staged != null) store.discard(staged);
    }
  }

  private ApiException storeFailed(String id, IOException e) {
    metrics.ingest(IngestOutcome.STORE_FAILED);
    log.error("cannot store video {}", id, e);
    return new ApiException(500, "store_failed", "the origin cannot write the video; see its log");
  }
}
