package org.telcocdn.accesslog;

/**
 * The parts of an edge object path, {@code /videos/{id}/{rendition}/seg_00001.m4s}: content id,
 * rendition and segment number. Anything else yields nulls and -1, never an exception.
 */
public record ObjectPath(String content, String rendition, int segment) {
  private static final ObjectPath NONE = new ObjectPath(null, null, -1);

  public static ObjectPath parse(String path) {
    if (path == null || !path.startsWith("/videos/")) return NONE;
    String[] parts = path.substring(8).split("/");
    if (parts.length == 0 || parts[0].isEmpty()) return NONE;
    if (parts.length < 3) return new ObjectPath(parts[0], null, -1);
    return new ObjectPath(parts[0], parts[1], segmentNumber(parts[parts.length - 1]));
  }

  /** {@code seg_00012.m4s} → 12; also {@code segment12.ts}-like names: the digits before the dot. */
  static int segmentNumber(String file) {
    if (!file.startsWith("seg")) return -1;
    int dot = file.lastIndexOf('.');
    int end = dot < 0 ? file.length() : dot;
    int start = end;
    while (start > 0 && Character.isDigit(file.charAt(start - 1))) start--;
    if (start == end || end - start > 9) return -1;
    return Integer.parseInt(file, start, end, 10);
  }
}
