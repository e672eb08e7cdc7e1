package org.telcocdn.raw.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.telcocdn.common.json.Json;

/**
 * Asks ffprobe what an upload is. Anything without a video stream that has a known codec and a size
 * is refused, with ffprobe's own words when it has them, before any transcoding starts.
 */
public final class Probe {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Ffmpeg ffmpeg;
  private final ProcessPriority priority;

  /**
   * A probe at the priority of the transcodes: ffprobe reads the whole container index of an
   * upload.
   */
  public Probe(Ffmpeg ffmpeg, ProcessPriority priority) {
    this.ffmpeg = ffmpeg;
    this.priority = priority;
  }

  public Probe(Ffmpeg ffmpeg) {
    this(ffmpeg, ProcessPriority.UNCHANGED);
  }

  public MediaInfo probe(Path source) throws NotAVideoException, MediaToolException {
    ChildProcess.Result result = run(source);
    if (!result.ok()) throw new NotAVideoException(reason(result.stderrTail(), source));
    JsonNode root = parse(result.stdout());
    JsonNode video = firstStream(root, "video");
    if (video == null) throw new NotAVideoException("no video stream found");
    if (video.path("width").asInt() <= 0
        || video.path("height").asInt() <= 0
        || video.path("codec_name").isMissingNode()) {
      throw new NotAVideoException("the video stream has no decodable codec or size");
    }
    JsonNode format = root.path("format");
    return new MediaInfo(
        video.path("width").asInt(),
        video.path("height").asInt(),
        firstStream(root, "audio") != null,
        duration(format, video),
        fileType(format));
  }

  private ChildProcess.Result run(Path source) throws MediaToolException {
    List<String> command =
        List.of(
            ffmpeg.ffprobePath().toString(),
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            source.toAbsolutePath().toString());
    try {
      return ChildProcess.run(command, priority, TIMEOUT);
    } catch (IOException | ChildProcess.ProcessTimeoutException e) {
      throw new MediaToolException("ffprobe failed: " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(String stdout) throws NotAVideoException {
    try {
      return Json.MAPPER.readTree(stdout);
    } catch (IOException e) {
      throw new NotAVideoException("ffprobe gave no readable description of the file");
    }
  }

  private static JsonNode firstStream(JsonNode root, String type) {
    for (JsonNode stream : root.path("streams")) {
      if (type.equals(stream.path("codec_type").asText())) return stream;
    }
    return null;
  }

  /** ffprobe prefixes its reason with the file name, which means nothing to the uploader. */
  private static String reason(String stderr, Path source) {
    String text = stderr.replace(source.toAbsolutePath().toString() + ": ", "").strip();
    return text.isEmpty() ? "ffprobe cannot read the file" : text;
  }

  private static double duration(JsonNode format, JsonNode video) {
    double fromFormat = format.path("duration").asDouble(0);
    return fromFormat > 0 ? fromFormat : video.path("duration").asDouble(0);
  }

  /** ffprobe names demuxers ("mov,mp4,m4a,3gp,3g2,mj2"); the catalogue wants a file type. */
  static String fileType(JsonNode format) {
    String names = format.path("format_name").asText("unknown").toLowerCase(Locale.ROOT);
    if (names.contains("mp4")) {
      String brand = format.path("tags").path("major_brand").asText("").trim();
      return brand.equals("qt") ? "mov" : "mp4";
    }
    if (names.contains("matroska")) return "mkv";
    return names.split(",")[0];
  }
}
