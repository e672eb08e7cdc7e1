package org.telcocdn.predict.eval;

import java.util.Arrays;

/**
 * Every score of one method at or above its floor, in time order: time, site, title, score, and the
 * model's expected log requests over the horizon (what a prefetch is sized by). Alarms at any
 * threshold are read from it afterwards ({@link AlarmRule}), so tuning a threshold needs no replay.
 */
final class ScoreTape {
  private int[] time = new int[1 << 12];
  private byte[] site = new byte[1 << 12];
  private int[] title = new int[1 << 12];
  private float[] score = new float[1 << 12];
  private float[] logRequests = new float[1 << 12];
  private int size;

  void add(long t, int s, long tl, double sc, double lr) {
    if (size == time.length) {
      int n = size * 2;
      time = Arrays.copyOf(time, n);
      site = Arrays.copyOf(site, n);
      title = Arrays.copyOf(title, n);
      score = Arrays.copyOf(score, n);
      logRequests = Arrays.copyOf(logRequests, n);
    }
    time[size] = (int) t;
    site[size] = (byte) s;
    title[size] = (int) tl;
    score[size] = (float) sc;
    logRequests[size] = (float) lr;
    size++;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return time[i];
  }

  int site(int i) {
    return site[i];
  }

  long title(int i) {
    return title[i];
  }

  double score(int i) {
    return score[i];
  }

  double logRequests(int i) {
    return logRequests[i];
  }

  /** The scores, sorted, for choosing candidate thresholds. */
  float[] sortedScores() {
    float[] s = Arrays.copyOf(score, size);
    Arrays.sort(s);
    return s;
  }
}
