package org.telcocdn.cache.predict;

import java.util.ArrayList;
import java.util.List;
import org.telcocdn.predict.prefetch.AudienceMix;

/**
 * The renditions this edge's viewers ask for, numbered in the order first seen (at most {@value
 * AudienceMix#RENDITIONS}, as {@link AudienceMix} counts them), and how each names its files, so a
 * prefetch plan's (rendition, position) becomes an object path again: {@code 720p/seg_00003.m4s}
 * from the digits' width, prefix and suffix of the segments seen, and the init segment's name. The
 * origin numbers segments from {@value #FIRST_NUMBER} ({@code ffmpeg -start_number 1}): position 0,
 * a session's first segment, is number 1. Only the predictor's thread uses it.
 */
final class SegmentNames {
  static final int FIRST_NUMBER = 1;

  /** How one rendition names its segments. */
  private static final class Naming {
    final String rendition;
    String prefix;
    String suffix;
    int width;
    String init;

    Naming(String rendition) {
      this.rendition = rendition;
    }
  }

  private final List<Naming> renditions = new ArrayList<>();

  /**
   * The rendition's index, learning how it names {@code file}; -1 past {@value
   * AudienceMix#RENDITIONS} renditions.
   */
  int learn(String rendition, String file, int segment) {
    int index = indexOf(rendition);
    if (index < 0) {
      if (renditions.size() == AudienceMix.RENDITIONS) return -1;
      renditions.add(new Naming(rendition));
      index = renditions.size() - 1;
    }
    Naming n = renditions.get(index);
    if (segment >= 0 && n.prefix == null) {
      int end = digitsEnd(file);
      int start = end;
      while (start > 0 && Character.isDigit(file.charAt(start - 1))) start--;
      n.prefix = file.substring(0, start);
      n.suffix = file.substring(end);
      n.width = end - start;
    } else if (segment < 0 && n.init == null && file.startsWith("init")) {
      n.init = file;
    }
    return index;
  }

  /**
   * Object paths for a (rendition, position) target: its init segment first when the rendition's is
   * known and not listed yet, then the segment; none when the rendition never had a segment.
   */
  void paths(int rendition, int position, List<String> into) {
    if (rendition < 0 || rendition >= renditions.size()) return;
    Naming n = renditions.get(rendition);
    if (n.prefix == null) return;
    if (n.init != null && !into.contains(n.rendition + "/" + n.init))
      into.add(n.rendition + "/" + n.init);
    String digits = Integer.toString(position + FIRST_NUMBER);
    into.add(
        n.rendition
            + "/"
            + n.prefix
            + "0".repeat(Math.max(0, n.width - digits.length()))
            + digits
            + n.suffix);
  }

  /** A segment's number, {@code seg_00012.m4s} → 12, or -1 for any other file. */
  static int number(String file) {
    if (!file.startsWith("seg")) return -1;
    int end = digitsEnd(file);
    int start = end;
    while (start > 0 && Character.isDigit(file.charAt(start - 1))) start--;
    if (start == end || end - start > 9) return -1;
    return Integer.parseInt(file, start, end, 10);
  }

  /** Where the digits before the extension end: the last dot, or the end. */
  private static int digitsEnd(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? file.length() : dot;
  }

  private int indexOf(String rendition) {
    for (int i = 0; i < renditions.size(); i++)
      if (renditions.get(i).rendition.equals(rendition)) return i;
    return -1;
  }
}
