package org.telcocdn.raw.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The band burned into a sample's picture: its title on the left, the time played and the running
 * time on the right ("0:07 / 0:45"), white on translucent black. One PNG per second of video, which
 * ffmpeg overlays as an image sequence at 1 fps.
 *
 * <p>Drawn here with Java2D rather than by ffmpeg's drawtext: the bytedeco build has libfreetype
 * but not libharfbuzz, which drawtext needs since FFmpeg 6.1, so its ffmpeg has no drawtext (nor
 * subtitles: no libass). Java2D renders the JDK's logical SansSerif font through fontconfig, which
 * needs one system font (Debian's fonts-dejavu-core comes with fontconfig on the base images).
 */
final class TitleBand {
  private TitleBand() {}

  /** Writes {@code band-0000.png} … one per second; the ffmpeg input pattern for them. */
  static String write(Path dir, String title, int seconds, int width, int height)
      throws IOException {
    Files.createDirectories(dir);
    int bandHeight = Math.max(24, height / 9);
    Font font = new Font(Font.SANS_SERIF, Font.BOLD, bandHeight * 11 / 20);
    for (int s = 0; s < seconds; s++) {
      ImageIO.write(
          frame(title, clock(s) + " / " + clock(seconds), width, bandHeight, font),
          "png",
          dir.resolve(String.format("band-%04d.png", s)).toFile());
    }
    return dir.resolve("band-%04d.png").toString();
  }

  private static BufferedImage frame(String title, String time, int width, int height, Font font) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(new Color(0, 0, 0, 170));
      g.fillRect(0, 0, width, height);
      g.setFont(font);
      g.setColor(Color.WHITE);
      FontMetrics m = g.getFontMetrics();
      int baseline = (height - m.getHeight()) / 2 + m.getAscent();
      int margin = height / 3;
      g.drawString(title, margin, baseline);
      g.drawString(time, width - margin - m.stringWidth(time), baseline);
    } finally {
      g.dispose();
    }
    return image;
  }

  static String clock(int seconds) {
    return seconds / 60 + ":" + String.format("%02d", seconds % 60);
  }
}
