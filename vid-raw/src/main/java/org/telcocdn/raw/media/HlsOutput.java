package org.telcocdn.raw.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings ffmpeg's HLS output to the layout of docs/contracts.md and reads the ladder back from it.
 * ffmpeg names init segments {@code init_0.mp4, init_1.mp4, ...} whenever there is more than one
 * variant (hlsenc appends the variant index unless the name holds {@code %v}), so each is renamed
 * to {@code init.mp4} and its playlist's EXT-X-MAP updated. The master playlist must carry
 * RESOLUTION and CODECS for players to choose without probing; missing attributes are added from
 * the plan.
 */
final class HlsOutput {
  private static final Pattern MAP = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"");
  private static final Pattern ATTR = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");
  static final String FALLBACK_CODECS = "avc1.640028,mp4a.40.2";

  private HlsOutput() {}

  /** Fixes the layout in {@code dir} and returns the renditions the master playlist announces. */
  static List<Rendition> finish(Path dir, List<Rung> plan) throws IOException {
    for (Rung rung : plan) renameInit(dir.resolve(rung.name()));
    Path master = dir.resolve("master.m3u8");
    List<String> lines = Files.readAllLines(master, StandardCharsets.UTF_8);
    List<String> fixed = new ArrayList<>();
    List<Rendition> renditions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#EXT-X-STREAM-INF:") && i + 1 < lines.size()) {
        Rung rung = rungOf(lines.get(i + 1), plan);
        line = complete(line, rung);
        renditions.add(rendition(line, rung));
      }
      fixed.add(line);
    }
    Files.write(master, fixed, StandardCharsets.UTF_8);
    return renditions;
  }

  private static void renameInit(Path variantDir) throws IOException {
    Path playlist = variantDir.resolve("playlist.m3u8");
    String text = Files.readString(playlist, StandardCharsets.UTF_8);
    Matcher m = MAP.matcher(text);
    if (!m.find() || m.group(1).equals("init.mp4")) return;
    Files.move(variantDir.resolve(m.group(1)), variantDir.resolve("init.mp4"));
    Files.writeString(
        playlist, m.replaceAll("#EXT-X-MAP:URI=\"init.mp4\""), StandardCharsets.UTF_8);
  }

  private static Rung rungOf(String uri, List<Rung> plan) throws IOException {
    String name = uri.strip().split("/")[0];
    return plan.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IOException("master playlist names an unplanned variant: " + uri));
  }

  private static String complete(String line, Rung rung) {
    if (!line.contains("RESOLUTION=")) line += ",RESOLUTION=" + rung.width() + "x" + rung.height();
    if (!line.contains("CODECS=")) line += ",CODECS=\"" + FALLBACK_CODECS + "\"";
    if (!line.contains("BANDWIDTH=")) line += ",BANDWIDTH=" + (rung.videoKbps() + 128) * 1000L;
    return line;
  }

  private static Rendition rendition(String line, Rung rung) {
    String codecs = FALLBACK_CODECS;
    long bandwidth = 0;
    Matcher m = ATTR.matcher(line.substring(line.indexOf(':') + 1));
    while (m.find()) {
      if (m.group(1).equals("CODECS")) codecs = m.group(2).replace("\"", "");
      if (m.group(1).equals("BANDWIDTH")) bandwidth = Long.parseLong(m.group(2));
    }
    return new Rendition(rung.name(), rung.width(), rung.height(), bandwidth, codecs);
  }
}
