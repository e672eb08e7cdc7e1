package org.telcocdn.metadata.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.metadata.Rendition;
import org.telcocdn.metadata.Video;
import org.telcocdn.metadata.VideoDraft;
import org.telcocdn.testkit.TestClock;

/**
 * What every database behind {@link JdbcVideoRepository} must do; subclasses name the database (H2
 * in a temporary directory, a real PostgreSQL).
 */
abstract class VideoRepositoryContract {
  private static final Rendition HD =
      new Rendition("720p", 1280, 720, 2_800_000, "avc1.64001f,mp4a.40.2");
  private static final Rendition SD = new Rendition("360p", 640, 360, 800_000, null);

  private Database database;
  private VideoRepository repository;

  /** The JDBC URL, user and password of a database that may already hold the schema. */
  abstract String[] connection();

  @BeforeEach
  void openEmptyCatalog() throws Exception {
    String[] c = connection();
    database = Database.open(c[0], c[1], c[2]);
    try (Connection connection = database.dataSource().getConnection();
        Statement s = connection.createStatement()) {
      s.executeUpdate("DELETE FROM video_tags");
      s.executeUpdate("DELETE FROM renditions");
      s.executeUpdate("DELETE FROM videos");
    }
    repository =
        new JdbcVideoRepository(database.dataSource(), TestClock.ticking(Duration.ofSeconds(1)));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void create_thenFind_returnsEveryField() throws Exception {
    Video created = repository.create(draft("a1", "Ocean test", List.of("demo", "sea"), HD, SD));

    assertThat(repository.find("a1")).contains(created);
    assertThat(created.name()).isEqualTo("Ocean test");
    assertThat(created.tags()).containsExactly("demo", "sea");
    assertThat(created.renditions()).containsExactly(HD, SD);
    assertThat(created.fileType()).isEqualTo("mp4");
    assertThat(created.durationSeconds()).isEqualTo(60.5);
    assertThat(created.updatedAt()).isEqualTo(created.createdAt());
    assertThat(created.playUrl()).isNull();
  }

  @Test
  void find_unknownId_isEmpty() {
    assertThat(repository.find("nope")).isEmpty();
  }

  @Test
  void create_takenId_throwsDuplicate() throws Exception {
    repository.create(draft("a1", "first", List.of()));

    assertThatThrownBy(() -> repository.create(draft("a1", "second", List.of())))
        .isInstanceOf(DuplicateVideoException.class);
    assertThat(repository.find("a1").orElseThrow().name()).isEqualTo("first");
  }

  @Test
  void create_failingHalfWay_leavesNothing() {
    Rendition broken =
        new Rendition(null, 1, 1, 1, null); // violates NOT NULL after the video row went in

    assertThatThrownBy(() -> repository.create(draft("a1", "broken", List.of("demo"), HD, broken)))
        .isInstanceOf(RepositoryException.class);
    assertThat(repository.find("a1")).isEmpty();
    assertThat(repository.search(VideoQuery.all()).total()).isZero();
  }

  @Test
  void update_replacesFieldsAndBumpsUpdatedAt() throws Exception {
    Video created = repository.create(draft("a1", "old", List.of("a", "b"), HD, SD));

    Video updated =
        repository
            .update("a1", new VideoDraft(null, "new", List.of("c"), "mov", 12, List.of(SD), true))
            .orElseThrow();

    assertThat(updated.name()).isEqualTo("new");
    assertThat(updated.tags()).containsExactly("c");
    assertThat(updated.renditions()).containsExactly(SD);
    assertThat(updated.fileType()).isEqualTo("mov");
    assertThat(created.live()).isFalse();
    assertThat(updated.live()).isTrue();
    assertThat(updated.createdAt()).isEqualTo(created.createdAt());
    assertThat(updated.updatedAt()).isAfter(created.updatedAt());
    assertThat(repository.find("a1")).contains(updated);
  }

  @Test
  void update_unknownId_isEmpty() {
    assertThat(repository.update("nope", draft("nope", "x", List.of()))).isEmpty();
  }

  @Test
  void delete_removesVideoAndItsLists() throws Exception {
    repository.create(draft("a1", "gone soon", List.of("demo"), HD));

    assertThat(repository.delete("a1")).isTrue();
    assertThat(repository.delete("a1")).isFalse();
    assertThat(repository.find("a1")).isEmpty();
    Video again = repository.create(draft("a1", "back", List.of()));
    assertThat(again.tags()).isEmpty();
    assertThat(again.renditions()).isEmpty();
  }

  @Test
  void search_byName_isCaseInsensitiveSubstring() throws Exception {
    repository.create(draft("a1", "Ocean Test", List.of()));
    repository.create(draft("a2", "Mountain", List.of()));
    repository.create(draft("a3", "100% ocean", List.of()));

    assertThat(ids(new VideoQuery("OCEAN", List.of(), 10, 0)))
        .containsExactlyInAnyOrder("a1", "a3");
    assertThat(ids(new VideoQuery("0%", List.of(), 10, 0))).containsExactly("a3");
    assertThat(ids(new VideoQuery("o_ean", List.of(), 10, 0))).isEmpty();
  }

  @Test
  void search_byTags_requiresEveryTag() throws Exception {
    repository.create(draft("a1", "one", List.of("demo", "sea")));
    repository.create(draft("a2", "two", List.of("demo")));
    repository.create(draft("a3", "three", List.of("sea", "sky")));

    assertThat(ids(new VideoQuery(null, List.of("demo"), 10, 0)))
        .containsExactlyInAnyOrder("a1", "a2");
    assertThat(ids(new VideoQuery(null, List.of("demo", "sea"), 10, 0))).containsExactly("a1");
    assertThat(ids(new VideoQuery(null, List.of("sea", "sea"), 10, 0)))
        .containsExactlyInAnyOrder("a1", "a3");
    assertThat(ids(new VideoQuery("thr", List.of("sea"), 10, 0))).containsExactly("a3");
    assertThat(ids(new VideoQuery(null, List.of("none"), 10, 0))).isEmpty();
  }

  @Test
  void search_isNewestFirst_withPagesAndTotal() throws Exception {
    for (String id : List.of("v1", "v2", "v3", "v4", "v5"))
      repository.create(draft(id, "clip " + id, List.of()));

    VideoPage first = repository.search(new VideoQuery("clip", List.of(), 2, 0));
    VideoPage last = repository.search(new VideoQuery("clip", List.of(), 2, 4));

    assertThat(first.videos()).extracting(Video::id).containsExactly("v5", "v4");
    assertThat(first.total()).isEqualTo(5);
    assertThat(last.videos()).extracting(Video::id).containsExactly("v1");
    assertThat(last.total()).isEqualTo(5);
    assertThat(first.videos().getFirst().tags()).isEmpty();
  }

  @Test
  void reachable_whileOpen() {
    assertThat(repository.reachable()).isTrue();
  }

  private List<String> ids(VideoQuery query) {
    return repository.search(query).videos().stream().map(Video::id).toList();
  }

  private static VideoDraft draft(
      String id, String name, List<String> tags, Rendition... renditions) {
    return new VideoDraft(id, name, tags, "mp4", 60.5, List.of(renditions), false);
  }
}
