package org.telcocdn.raw.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoStoreTest {
  @TempDir Path root;
  VideoStore store;

  @BeforeEach
  void open() throws IOException {
    store = new VideoStore(root);
    Path staged = store.stage();
    Files.createDirectories(staged.resolve("720p"));
    Files.writeString(staged.resolve("master.m3u8"), "#EXTM3U\n");
    Files.write(staged.resolve("720p/seg_00001.m4s"), new byte[] {1, 2, 3});
    store.commit(staged, "abc123");
    Files.writeString(root.resolve("secret.txt"), "outside");
  }

  @Test
  void find_committedObjectWithTypeAndEtag() {
    StoredObject segment = store.find("abc123", "720p/seg_00001.m4s").orElseThrow();
    assertThat(segment.size()).isEqualTo(3);
    assertThat(segment.contentType()).isEqualTo("video/iso.segment");
    assertThat(segment.etag()).startsWith("\"").endsWith("\"");
    assertThat(store.find("abc123", "master.m3u8").orElseThrow().contentType())
        .isEqualTo("application/vnd.apple.mpegurl");
  }

  @Test
  void find_unknownIsEmpty() {
    assertThat(store.find("abc123", "1080p/seg_00001.m4s")).isEmpty();
    assertThat(store.find("nope", "master.m3u8")).isEmpty();
    assertThat(store.find("abc123", "720p")).isEmpty(); // a directory is not an object
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../secret.txt",
        "..",
        "720p/../../abc123/master.m3u8",
        "/etc/passwd",
        "./master.m3u8",
        "720p//seg_00001.m4s",
        "..\\secret.txt",
        "C:/x",
        ""
      })
  void find_refusesPathsThatLeaveOrAreMalformed(String path) {
    assertThatThrownBy(() -> store.find("abc123", path))
        .isInstanceOf(InvalidObjectPathException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "ABC", "-abc", "a/b", "a%2e", ""})
  void find_refusesBadIds(String id) {
    assertThatThrownBy(() -> store.find(id, "master.m3u8"))
        .isInstanceOf(InvalidObjectPathException.class);
  }

  @Test
  void find_encodedDotsAreJustNamesThatDoNotExist() {
    assertThat(store.find("abc123", "%2e%2e/%2e%2e/secret.txt")).isEmpty();
  }

  @Test
  void find_refusesSymlinkOutOfTheVideo() throws IOException {
    Files.createSymbolicLink(
        store.videoDir("abc123").resolve("escape.m3u8"), root.resolve("secret.txt"));
    assertThatThrownBy(() -> store.find("abc123", "escape.m3u8"))
        .isInstanceOf(InvalidObjectPathException.class);
  }

  @Test
  void commit_isOneRenameAndRefusesAnExistingId() throws IOException {
    assertThat(store.exists("abc123")).isTrue();
    assertThat(store.stagingRoot()).isEmptyDirectory();
    Path again = store.stage();
    assertThatThrownBy(() -> store.commit(again, "abc123")).isInstanceOf(IOException.class);
  }

  @Test
  void start_deletesLeftoverStaging() throws IOException {
    Path half = store.stage();
    Files.writeString(half.resolve("master.m3u8"), "half");
    VideoStore reopened = new VideoStore(root);
    assertThat(reopened.stagingRoot()).isEmptyDirectory();
    assertThat(reopened.exists("abc123")).isTrue();
  }

  @Test
  void delete_removesTheWholeVideo() {
    assertThat(store.delete("abc123")).isTrue();
    assertThat(store.exists("abc123")).isFalse();
    assertThat(store.stagingRoot()).isEmptyDirectory();
    assertThat(store.delete("abc123")).isFalse();
  }
}
