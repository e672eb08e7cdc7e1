package org.telcocdn.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be seen of a synced write without pulling the plug: the content, and nothing left over.
 */
class DurableFilesTest {
  @TempDir Path dir;

  @Test
  void replace_swapsTheWholeContent_andLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("state/snapshot.json");
    DurableFiles.replace(file, "{\"v\":1}".getBytes());
    DurableFiles.replace(file, "{\"v\":2}".getBytes());

    assertThat(file).hasContent("{\"v\":2}");
    assertThat(file.getParent()).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void syncTree_flushesAWholeTree_andFailsOnAMissingOne() throws IOException {
    Files.createDirectories(dir.resolve("v/720p"));
    Files.write(dir.resolve("v/720p/seg_00001.m4s"), new byte[] {1, 2, 3});
    Files.writeString(dir.resolve("v/master.m3u8"), "#EXTM3U\n");

    DurableFiles.syncTree(dir.resolve("v"));

    assertThat(dir.resolve("v/720p/seg_00001.m4s")).hasBinaryContent(new byte[] {1, 2, 3});
    assertThatThrownBy(() -> DurableFiles.syncTree(dir.resolve("gone")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
