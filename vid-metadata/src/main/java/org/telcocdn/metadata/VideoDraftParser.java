package org.telcocdn.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.video.VideoId;

/**
 * Reads a video from a request body field by field, so that every 400 names the field at fault
 * ({@code renditions[1].width must be a positive integer}) rather than a Jackson type error.
 *
 * <table>
 *   <tr><th>field</th><th>rule</th></tr>
 *   <tr><td>id</td><td>optional; [a-z0-9][a-z0-9-]{0,63}</td></tr>
 *   <tr><td>name</td><td>required; non-blank; at most 200 characters</td></tr>
 *   <tr><td>tags</td><td>optional; at most 50 non-blank strings of at most 64 characters</td></tr>
 *   <tr><td>fileType</td><td>optional; at most 32 characters</td></tr>
 *   <tr><td>durationSeconds</td><td>optional (0); a finite number &ge; 0</td></tr>
 *   <tr><td>live</td><td>optional (false); a boolean</td></tr>
 *   <tr><td>renditions</td><td>optional; at most 20 of {name, width, height, bandwidth, codecs}</td></tr>
 * </table>
 */
final class VideoDraftParser {
  static final int MAX_NAME = 200;
  static final int MAX_TAGS = 50;
  static final int MAX_TAG = 64;
  static final int MAX_RENDITIONS = 20;

  private VideoDraftParser() {}

  static VideoDraft parse(JsonNode body) {
    if (body == null || !body.isObject())
      throw ApiException.badRequest("request body must be a JSON object");
    return new VideoDraft(
        id(body.get("id")),
        requiredText(body.get("name"), "name", MAX_NAME),
        tags(body.get("tags")),
        optionalText(body.get("fileType"), "fileType", 32),
        duration(body.get("durationSeconds")),
        renditions(body.get("renditions")),
        live(body.get("live")));
  }

  private static String id(JsonNode node) {
    String id = optionalText(node, "id", 64);
    if (id != null && !VideoId.isValid(id)) {
      throw ApiException.badRequest(
          "field id must match [a-z0-9][a-z0-9-]{0,63}, was '" + id + "'");
    }
    return id;
  }

  private static List<String> tags(JsonNode node) {
    if (absent(node)) return List.of();
    if (!node.isArray()) throw field("tags", "must be a list of strings");
    if (node.size() > MAX_TAGS) throw field("tags", "may hold at most " + MAX_TAGS + " tags");
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < node.size(); i++)
      tags.add(requiredText(node.get(i), "tags[" + i + "]", MAX_TAG));
    return tags;
  }

  private static double duration(JsonNode node) {
    if (absent(node)) return 0;
    if (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < 0) {
      throw field("durationSeconds", "must be a number >= 0");
    }
    return node.doubleValue();
  }

  private static List<Rendition> renditions(JsonNode node) {
    if (absent(node)) return List.of();
    if (!node.isArray()) throw field("renditions", "must be a list of objects");
    if (node.size() > MAX_RENDITIONS)
      throw field("renditions", "may hold at most " + MAX_RENDITIONS + " renditions");
    List<Rendition> renditions = new ArrayList<>();
    for (int i = 0; i < node.size(); i++)
      renditions.add(rendition(node.get(i), "renditions[" + i + "]"));
    return renditions;
  }

  private static Rendition rendition(JsonNode node, String path) {
    if (!node.isObject()) throw field(path, "must be an object");
    return new Rendition(
        requiredText(node.get("name"), path + ".name", 32),
        (int) positive(node.get("width"), path + ".width", Integer.MAX_VALUE),
        (int) positive(node.get("height"), path + ".height", Integer.MAX_VALUE),
        positive(node.get("bandwidth"), path + ".bandwidth", Long.MAX_VALUE),
        optionalText(node.get("codecs"), path + ".codecs", 200));
  }

  private static long positive(JsonNode node, String name, long max) {
    if (absent(node)
        || !node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() <= 0
        || node.longValue() > max) {
      throw field(name, "must be a positive integer");
    }
    return node.longValue();
  }

  private static String requiredText(JsonNode node, String name, int maxLength) {
    if (absent(node)) throw field(name, "is required");
    String text = optionalText(node, name, maxLength);
    if (text.isBlank()) throw field(name, "must not be blank");
    return text;
  }

  private static String optionalText(JsonNode node, String name, int maxLength) {
    if (absent(node)) return null;
    if (!node.isTextual()) throw field(name, "must be a string");
    String text = node.textValue().strip();
    if (text.length() > maxLength)
      throw field(name, "must be at most " + maxLength + " characters");
    return text;
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static boolean live(JsonNode node) {
    if (absent(node)) return false;
    if (!node.isBoolean()) throw field("live", "must be true or false");
    return node.booleanValue();
  }

  private static ApiException field(String name, String rule) {
    return ApiException.badRequest("field " + name + " " + rule);
  }
}
