package org.telcocdn.controller.trigger;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.telcocdn.common.video.VideoId;

/**
 * A trigger's content targets as titles and objects: a {@code content.ccid} is a whole title; a
 * {@code content.urls} entry is read as {@code .../videos/{id}/{path}} (the edge's URL form, a
 * signed URL's {@code ;URISigningPackage=} parameter dropped): a master playlist stands for the
 * whole title, a rendition playlist for that rendition (directory entries end with "/"), anything
 * else for that one object. URLs of another form are returned as not understood.
 *
 * @param titles video id → paths; an empty list is the whole title
 */
record ContentTargets(Map<String, List<String>> titles, List<String> notUnderstood) {

  static ContentTargets of(List<String> ccids, List<String> urls) {
    Map<String, List<String>> titles = new LinkedHashMap<>();
    Set<String> whole = new HashSet<>(ccids);
    List<String> bad = new ArrayList<>();
    ccids.forEach(id -> titles.put(id, new ArrayList<>()));
    for (String url : urls) {
      String[] object = object(url);
      if (object == null) {
        bad.add(url);
      } else if (object[1].equals("master.m3u8") || whole.contains(object[0])) {
        whole.add(object[0]);
        titles.put(object[0], new ArrayList<>());
      } else {
        List<String> paths = titles.computeIfAbsent(object[0], k -> new ArrayList<>());
        if (!paths.contains(object[1])) paths.add(object[1]);
      }
    }
    return new ContentTargets(titles, bad);
  }

  /** {id, path} of an edge object URL, or null. */
  private static String[] object(String url) {
    String path = URI.create(url).getPath();
    int at = path == null ? -1 : path.indexOf("/videos/");
    if (at < 0) return null;
    String[] parts = path.substring(at + "/videos/".length()).split("/", 2);
    if (parts.length < 2 || parts[1].isBlank() || parts[1].contains("..")) return null;
    String id = parts[0].split(";", 2)[0];
    if (!VideoId.isValid(id)) return null;
    String rest = parts[1];
    if (rest.endsWith("/playlist.m3u8"))
      rest = rest.substring(0, rest.length() - "playlist.m3u8".length());
    return new String[] {id, rest};
  }
}
