package org.telcocdn.cache.sim;

/** Small hand-written traces: ids are letters, one request per second. */
final class Traces {
  private Traces() {}

  static Trace of(String ids, long... sizes) {
    Trace.Builder b = new Trace.Builder();
    for (int i = 0; i < ids.length(); i++)
      b.add(i, ids.charAt(i), sizes.length == 1 ? sizes[0] : sizes[i]);
    return b.build();
  }
}
