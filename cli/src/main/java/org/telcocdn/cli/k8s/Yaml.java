package org.telcocdn.cli.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.json.Json;

/**
 * Kubernetes objects as ordered maps, and their YAML. Plain maps rather than a Kubernetes model
 * library: the cli's classpath is every service's under {@code cdn up}, and the objects here are
 * few and simple; the test reads the rendered YAML back with fabric8's model to check it.
 */
final class Yaml {
  private static final ObjectWriter DOCUMENT =
      YAMLMapper.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build()
          .writer();
  private static final ObjectWriter PLAIN =
      YAMLMapper.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .build()
          .writer();

  private Yaml() {}

  /** An ordered map from alternating keys and values; null values are left out. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static Map<String, Object> object(
      String apiVersion, String kind, Map<String, Object> metadata, Object... rest) {
    Map<String, Object> m = map("apiVersion", apiVersion, "kind", kind, "metadata", metadata);
    m.putAll(map(rest));
    return m;
  }

  /** One YAML document per object, each starting with {@code ---}. */
  static String documents(List<Map<String, Object>> objects) {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> o : objects) out.append(write(DOCUMENT, o));
    return out.toString();
  }

  /** One document without a start marker: a file of one object, or YAML inside a string. */
  static String write(Object value) {
    return write(PLAIN, value);
  }

  static String json(Object value) {
    return write(Json.MAPPER.writer(), value);
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
