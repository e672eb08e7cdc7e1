package org.telcocdn.predict.label;

/** A fixed ring of samples awaiting their label, oldest first, features stored flat. */
final class Pending {
  private final int capacity;
  private final int width;
  private final long[] time;
  private final int[] slot;
  private final int[] generation;
  private final float[] startsLevel;
  private final float[] requestsLevel;
  private final long[] requestsSoFar;
  private final float[] weight;
  private final float[] features;
  private final float[] row;
  private int head;
  private int size;

  Pending(int capacity, int width) {
    if (capacity < 1)
      throw new IllegalArgumentException("pending capacity must be positive, was " + capacity);
    this.capacity = capacity;
    this.width = width;
    time = new long[capacity];
    slot = new int[capacity];
    generation = new int[capacity];
    startsLevel = new float[capacity];
    requestsLevel = new float[capacity];
    requestsSoFar = new long[capacity];
    weight = new float[capacity];
    features = new float[capacity * width];
    row = new float[width];
  }

  boolean full() {
    return size == capacity;
  }

  int size() {
    return size;
  }

  int capacity() {
    return capacity;
  }

  void add(long t, int s, int g, double starts, double requests, long soFar, double w, float[] x) {
    int i = (head + size) % capacity;
    time[i] = t;
    slot[i] = s;
    generation[i] = g;
    startsLevel[i] = (float) starts;
    requestsLevel[i] = (float) requests;
    requestsSoFar[i] = soFar;
    weight[i] = (float) w;
    System.arraycopy(x, 0, features, i * width, width);
    size++;
  }

  int oldest() {
    return head;
  }

  long oldestTime() {
    return time[head];
  }

  void removeOldest() {
    head = (head + 1) % capacity;
    size--;
  }

  long time(int i) {
    return time[i];
  }

  int slot(int i) {
    return slot[i];
  }

  int generation(int i) {
    return generation[i];
  }

  /** The starts rate that would make the sample a spike (infinite: it was one already). */
  double startsLevel(int i) {
    return startsLevel[i];
  }

  double requestsLevel(int i) {
    return requestsLevel[i];
  }

  long requestsSoFar(int i) {
    return requestsSoFar[i];
  }

  double weight(int i) {
    return weight[i];
  }

  /** The sample's features, in a reused array. */
  float[] features(int i) {
    System.arraycopy(features, i * width, row, 0, width);
    return row;
  }
}
