package org.telcocdn.accesslog;

/**
 * The parts of an edge object path, {@code /videos/{id}/{rendition}/seg_00001.m4s}: content id,
 * rendition and segment number. Anything else yields nulls and -1, never an exception.
 */
public record ObjectPath(String content, String rendition, int segment) {
  private static final ObjectPath NONE = new ObjectPath(null, null, -1);

  /** By index rather than split: the edge's access-log writer parses every request's path. */
  public static ObjectPath parse(String path) {
    if (path == null || !path.startsWith("/videos/")) return NONE;
    int idEnd = path.indexOf('/', 8);
    if (idEnd == 8 || path.length() == 8) return NONE;
    if (idEnd < 0) return new ObjectPath(path.substring(8), null, -1);
    int renditionEnd = path.indexOf('/', idEnd + 1);
    String content = path.substring(8, idEnd);
    if (renditionEnd < 0) return new ObjectPath(content, null, -1);
    int last = path.lastIndexOf('/');
    if (last == path.length() - 1) { // a trailing slash: split() dropped the empty last part
      return trailingSlash(path, content, idEnd, renditionEnd);
    }
    return new ObjectPath(
        content,
        path.substring(idEnd + 1, renditionEnd),
        segmentNumber(path, last + 1, path.length()));
  }

  /** The rare path that ends in '/', read as the split()-based parser read it. */
  private static ObjectPath trailingSlash(
      String path, String content, int idEnd, int renditionEnd) {
    String[] parts = path.substring(8).split("/");
    if (parts.length < 3) return new ObjectPath(content, null, -1);
    return new ObjectPath(
        content, path.substring(idEnd + 1, renditionEnd), segmentNumber(parts[parts.length - 1]));
  }

  /**
   * {@code seg_00012.m4s} → 12; also {@code segment12.ts}-like names: the digits before the dot.
   */
  static int segmentNumber(String file) {
    return segmentNumber(file, 0, file.length());
  }

  /** The same for the file name at {@code path[from, to)}. */
  static int segmentNumber(String path, int from, int to) {
    if (!path.startsWith("seg", from)) return -1;
    int dot = path.lastIndexOf('.', to - 1);
    int end = dot < from ? to : dot;
    int start = end;
    while (start > from && Character.isDigit(path.charAt(start - 1))) start--;
    if (start == end || end - start > 9) return -1;
    return Integer.parseInt(path, start, end, 10);
  }
}
