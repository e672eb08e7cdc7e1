package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffmpeg, an HLS client we did not write, reads the whole stream through the broker without error,
 * with signed URLs on: it follows the broker's redirect and resolves the playlists' relative URIs
 * under the signed path, while the same objects without a token are refused.
 */
class FfmpegPlayerIT {
  @TempDir Path dir;

  @Test
  void ffmpegReadsTheWholeStreamThroughTheBroker() throws Exception {
    try (Stack stack = new Stack(dir, 2)) {
      String id = (String) stack.ingest(SampleContent.file(), "ffmpeg client test").get("id");
      FfmpegClient.readsWholeWithoutError(stack.broker.url() + "/play/" + id);
      HttpResponse<String> unsigned =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              stack.edges.getFirst().url() + "/videos/" + id + "/master.m3u8"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(unsigned.statusCode()).as("the edge refuses an unsigned URL").isEqualTo(403);
    }
  }
}
