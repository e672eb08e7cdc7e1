package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;

/**
 * A live channel that stops leaves its DVR window as a title (docs/live.md): in the catalog with
 * {@code live: false}, and read whole by ffmpeg through the broker and an edge like any title.
 */
class LiveRecordingIT {
  @TempDir Path dir;

  @Test
  void aStoppedChannelsDvrWindowPlaysThroughTheBrokerAsATitle() throws Exception {
    try (Stack stack = new Stack(dir, 1)) {
      String origin = stack.origin.url();
      var started = Stack.OPERATOR.post(origin + "/api/live/channels?name=Recorded", "");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      String channel = Json.MAPPER.readTree(started.body()).path("id").asText();
      // segments are numbered from 1 (docs/live.md): three are complete once the fourth is open
      Await.until(
          Duration.ofSeconds(60), "three segments in the window", () -> lastMsn(origin) >= 4);

      var stopped = Stack.OPERATOR.delete(origin + "/api/live/channels/" + channel);
      assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
      JsonNode recording = Json.MAPPER.readTree(stopped.body()).path("recording");
      String title = recording.path("id").asText();
      assertThat(recording.path("durationSeconds").asDouble()).isGreaterThanOrEqualTo(6);

      JsonNode entry =
          Json.MAPPER.readTree(
              Stack.OPERATOR.get(stack.metadata.url() + "/api/videos/" + title).body());
      assertThat(entry.path("live").asBoolean(true)).isFalse();
      assertThat(entry.path("name").asText()).isEqualTo("Recorded (recording)");

      FfmpegClient.readsWholeWithoutError(stack.broker.url() + "/play/" + title);
    }
  }

  private static long lastMsn(String origin) {
    try {
      JsonNode list =
          Json.MAPPER.readTree(Stack.OPERATOR.get(origin + "/api/live/channels").body());
      return list.path("channels").path(0).path("lastMsn").asLong(-1);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
