package org.telcocdn.raw.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.raw.OriginTestConfigs;
import org.telcocdn.raw.media.Rendition;
import org.telcocdn.raw.store.VideoStore;
import org.telcocdn.testkit.Await;

/**
 * A video committed at the origin whose registration never reached vid-metadata (the origin stopped
 * in between): the next start of a real origin reconciles it with a fake catalog over HTTP.
 */
class RegistrationRecoveryTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @TempDir Path store;
  private RecordingMetadata metadata;
  private OriginServer origin;

  @BeforeEach
  void catalog() {
    metadata = new RecordingMetadata();
  }

  @AfterEach
  void stop() {
    if (origin != null) origin.close();
    metadata.close();
  }

  @Test
  void aVideoCommittedButNeverRegistered_isRegisteredAtTheNextStart() throws Exception {
    committedAsIfTheOriginDiedBeforeRegistering("a1b2c3d4e5f6");

    start();

    assertThat(metadata.registrations)
        .singleElement()
        .satisfies(r -> assertThat(r.path("name").asText()).isEqualTo("Left behind"));
    assertThat(origin.store().videoDir("a1b2c3d4e5f6").resolve(PendingRegistration.FILE))
        .doesNotExist();
    assertThat(origin.store().exists("a1b2c3d4e5f6")).isTrue();
  }

  @Test
  void aVideoRegisteredJustBeforeTheStop_isNotRegisteredTwice() throws Exception {
    committedAsIfTheOriginDiedBeforeRegistering("a1b2c3d4e5f6");
    metadata.known.add("a1b2c3d4e5f6");

    start();

    assertThat(metadata.registrations).isEmpty();
    assertThat(origin.store().videoDir("a1b2c3d4e5f6").resolve(PendingRegistration.FILE))
        .doesNotExist();
  }

  @Test
  void aCatalogThatIsDownAtStart_getsTheRegistrationOnceItIsUp() throws Exception {
    committedAsIfTheOriginDiedBeforeRegistering("a1b2c3d4e5f6");
    metadata.readStatus = 503;

    origin = OriginServer.start(OriginTestConfigs.config(store, metadata.url(), 1 << 20, 64 << 10));
    Await.until(GENEROUS, "an attempt to meet the outage", () -> metadata.reads.get() > 0);
    metadata.readStatus = 200;

    assertThat(origin.recovery().awaitSettled(GENEROUS)).isTrue();
    assertThat(metadata.registrations).hasSize(1);
  }

  @Test
  void aRegistrationTheCatalogRefuses_removesTheVideo_asALiveIngestWould() throws Exception {
    committedAsIfTheOriginDiedBeforeRegistering("a1b2c3d4e5f6");
    metadata.status = 422;

    start();

    assertThat(origin.store().exists("a1b2c3d4e5f6")).isFalse();
  }

  @Test
  void aLookupTheCatalogRefuses_neverRemovesTheVideo_itIsAskedAgain() throws Exception {
    committedAsIfTheOriginDiedBeforeRegistering("a1b2c3d4e5f6");
    metadata.readStatus = 403; // e.g. the read asked with credentials the catalog does not accept

    origin = OriginServer.start(OriginTestConfigs.config(store, metadata.url(), 1 << 20, 64 << 10));
    Await.until(GENEROUS, "two refused lookups", () -> metadata.reads.get() >= 2);

    assertThat(origin.store().exists("a1b2c3d4e5f6"))
        .as("a refused lookup is not a refused registration")
        .isTrue();
    assertThat(metadata.registrations).isEmpty();
    metadata.readStatus = 200;
    assertThat(origin.recovery().awaitSettled(GENEROUS)).isTrue();
    assertThat(metadata.registrations).hasSize(1);
  }

  @Test
  void aVideoWithNothingOwed_isLeftAlone_evenIfTheCatalogNoLongerListsIt() throws Exception {
    VideoStore videos = new VideoStore(store);
    Path staged = videos.stage();
    Files.writeString(staged.resolve("master.m3u8"), "#EXTM3U\n");
    videos.commit(staged, "deleted0");

    start();

    assertThat(metadata.registrations).isEmpty();
    assertThat(origin.store().exists("deleted0")).isTrue();
  }

  private void start() throws InterruptedException {
    origin = OriginServer.start(OriginTestConfigs.config(store, metadata.url(), 1 << 20, 64 << 10));
    assertThat(origin.recovery().awaitSettled(GENEROUS)).isTrue();
  }

  /**
   * What Ingest has done when it commits: the video and its pending registration, published
   * together.
   */
  private void committedAsIfTheOriginDiedBeforeRegistering(String id) throws IOException {
    VideoStore videos = new VideoStore(store);
    Path staged = videos.stage();
    Files.writeString(staged.resolve("master.m3u8"), "#EXTM3U\n");
    PendingRegistration.write(
        staged,
        new VideoRegistration(
            id,
            "Left behind",
            List.of("demo"),
            "mp4",
            5.0,
            List.of(new Rendition("720p", 1280, 720, 2_800_000, "avc1.64001f,mp4a.40.2"))));
    videos.commit(staged, id);
  }
}
