package org.telcocdn.cache.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.storage.TitleCopies;

class DigestTest {
  private static TitleCopies copies(long version, String... paths) {
    return new TitleCopies("t", version, new TreeSet<>(List.of(paths)));
  }

  private static Digest.Title remote(long version, boolean hot, String... paths) {
    return new Digest.Title(
        version,
        Digest.hash(version, new TreeSet<>(List.of(paths))),
        paths.length,
        hot,
        hot ? List.of(paths) : List.of());
  }

  @Test
  void missing_listsTheHotRemotePathsNotHeldLocally() {
    assertThat(Digest.missing(copies(1, "a"), remote(1, true, "a", "b", "c"), 1))
        .containsExactly("b", "c");
    assertThat(Digest.missing(null, remote(1, true, "a"), 1)).containsExactly("a");
  }

  @Test
  void missing_isEmpty_whenTheHashesAgree_orTheTitleIsNotHot() {
    assertThat(Digest.missing(copies(1, "a", "b"), remote(1, true, "a", "b"), 1)).isEmpty();
    assertThat(Digest.missing(null, remote(1, false, "a"), 1)).isEmpty();
  }

  @Test
  void missing_neverPullsAStaleRemoteCopy_butReplacesOlderLocalOnes() {
    assertThat(Digest.missing(null, remote(1, true, "a"), 2)).isEmpty();
    assertThat(Digest.missing(copies(1, "a"), remote(2, true, "a"), 2)).containsExactly("a");
  }

  @Test
  void digest_carriesPathsOfHotTitlesOnly_andVersionsOfTitlesHeldNowhere() {
    Digest digest =
        Digest.of(
            "e1",
            Map.of("hot", copies(3, "x", "y"), "cold", copies(0, "z")),
            Map.of("gone", 7L),
            id -> id.equals("hot"));
    assertThat(digest.titles().get("hot").paths()).containsExactly("x", "y");
    assertThat(digest.titles().get("cold").paths()).isEmpty();
    assertThat(digest.titles().get("cold").objects()).isEqualTo(1);
    assertThat(digest.titles().get("gone").version()).isEqualTo(7);
    assertThat(digest.titles().get("hot").hash())
        .isEqualTo(Digest.hash(3, List.of("x", "y")))
        .isNotEqualTo(Digest.hash(2, List.of("x", "y")));
  }
}
