package org.telcocdn.cache.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.telcocdn.cache.policy.SegmentKey;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.video.VideoId;

/**
 * The controller's allocation for this edge ({@code POST /internal/allocation}): titles stored
 * whole, titles stored only up to a segment number (the rest streamed through), and titles left to
 * other edges (never stored here; filled from a site peer when one holds them, else the origin).
 * Titles it does not list are left to the disk policy, as without an allocation.
 */
public record Allocation(
    long generation,
    String edge,
    long capacityBytes,
    Set<String> whole,
    int prefixSegments,
    Set<String> prefix,
    Set<String> elsewhere) {

  /** Why an object is or is not stored, by the allocation ({@link #decide}). */
  enum Decision {
    WHOLE,
    PREFIX_STORED,
    PREFIX_STREAMED,
    ELSEWHERE,
    UNLISTED
  }

  Decision decide(CacheKey key) {
    if (elsewhere.contains(key.videoId())) return Decision.ELSEWHERE;
    if (whole.contains(key.videoId())) return Decision.WHOLE;
    if (prefix.contains(key.videoId())) {
      SegmentKey segment = DiskTier.shape(key);
      return !segment.isSegment() || segment.index() < prefixSegments
          ? Decision.PREFIX_STORED
          : Decision.PREFIX_STREAMED;
    }
    return Decision.UNLISTED;
  }

  /**
   * May the object go to this edge's tiers at all (the disk policy still decides for unlisted and
   * stored ones)?
   */
  boolean stores(CacheKey key) {
    Decision d = decide(key);
    return d != Decision.ELSEWHERE && d != Decision.PREFIX_STREAMED;
  }

  public static Allocation parse(JsonNode tree, String self) {
    if (!tree.path("generation").canConvertToLong() || tree.path("generation").asLong() < 0) {
      throw ApiException.badRequest("generation must be a whole number >= 0");
    }
    String edge = tree.path("edge").asText("");
    if (!edge.equals(self))
      throw ApiException.badRequest("allocation for edge '" + edge + "' sent to " + self);
    JsonNode prefix = tree.path("prefix");
    int segments = prefix.path("segments").asInt(0);
    if (!prefix.isMissingNode() && (!prefix.path("segments").canConvertToInt() || segments < 0)) {
      throw ApiException.badRequest("prefix.segments must be a whole number >= 0");
    }
    return new Allocation(
        tree.path("generation").asLong(),
        edge,
        tree.path("capacityBytes").asLong(0),
        ids(tree.path("whole"), "whole"),
        segments,
        ids(prefix.path("videoIds"), "prefix.videoIds"),
        ids(tree.path("elsewhere"), "elsewhere"));
  }

  private static Set<String> ids(JsonNode list, String field) {
    if (list.isMissingNode() || list.isNull()) return Set.of();
    if (!list.isArray()) throw ApiException.badRequest(field + " must be an array of video ids");
    List<String> ids = new ArrayList<>();
    for (JsonNode id : list) {
      if (!id.isTextual() || !VideoId.isValid(id.asText()))
        throw ApiException.badRequest(field + " holds an invalid video id: " + id);
      ids.add(id.asText());
    }
    return Set.copyOf(ids);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("generation", generation);
    body.put("edge", edge);
    body.put("capacityBytes", capacityBytes);
    body.put("whole", whole.stream().sorted().toList());
    body.put(
        "prefix",
        Map.of("segments", prefixSegments, "videoIds", prefix.stream().sorted().toList()));
    body.put("elsewhere", elsewhere.stream().sorted().toList());
    return body;
  }
}
