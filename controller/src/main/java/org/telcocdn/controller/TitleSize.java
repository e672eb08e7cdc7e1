package org.telcocdn.controller;

/**
 * What a title costs to hold, from its metadata.
 *
 * @param segments segments per rendition (duration / segment length, rounded up)
 * @param meanSegmentBytes a segment at the mean rendition bitrate: the expected size of one request
 */
record TitleSize(int segments, long meanSegmentBytes, int renditions) {
  long wholeBytes() {
    return segments * meanSegmentBytes * renditions;
  }
}
