package org.telcocdn.raw.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.telcocdn.common.io.DurableFiles;
import org.telcocdn.common.json.Json;

/**
 * The registration a committed video still owes vid-metadata, kept beside its objects in {@value
 * #FILE} (a dot-name, so never served): written into the staged directory before the commit, so it
 * becomes durable and visible with the video in the same rename, and deleted once vid-metadata has
 * the video. A process killed between commit and registration leaves the file, and the next start
 * registers the video ({@link RegistrationRecovery}) instead of keeping a video no catalog lists.
 */
final class PendingRegistration {
  static final String FILE = ".registration.json";

  private PendingRegistration() {}

  /** Into the staged directory, before {@code VideoStore.commit} syncs and publishes it. */
  static void write(Path stagedDir, VideoRegistration registration) throws IOException {
    Files.write(stagedDir.resolve(FILE), Json.bytes(registration));
  }

  static Optional<VideoRegistration> read(Path videoDir) throws IOException {
    Path file = videoDir.resolve(FILE);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
    return Optional.of(Json.MAPPER.readValue(file.toFile(), VideoRegistration.class));
  }

  /** The video is in the catalog: nothing is owed any more. */
  static void clear(Path videoDir) throws IOException {
    if (Files.deleteIfExists(videoDir.resolve(FILE))) DurableFiles.syncDirectory(videoDir);
  }
}
