package org.telcocdn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code kubectl kustomize overlays/SITE} rendered, read into fabric8's Kubernetes model. */
record RenderedSite(String site, List<HasMetadata> objects) {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "Namespace",
          Namespace.class,
          "ServiceAccount",
          ServiceAccount.class,
          "ConfigMap",
          ConfigMap.class,
          "Service",
          Service.class,
          "PersistentVolumeClaim",
          PersistentVolumeClaim.class,
          "Deployment",
          Deployment.class,
          "StatefulSet",
          StatefulSet.class,
          "PodDisruptionBudget",
          PodDisruptionBudget.class,
          "Secret",
          Secret.class);

  static RenderedSite parse(String site, String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isEmpty()) continue;
        String kind = doc.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) throw new AssertionError(site + " rendered an unexpected kind " + kind);
        objects.add(YAML.treeToValue(doc, type));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(site + ": kustomize output is not YAML", e);
    }
    return new RenderedSite(site, objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  /** Every Deployment's and StatefulSet's name with its pod template. */
  Map<String, PodTemplateSpec> podTemplates() {
    Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
    all(Deployment.class)
        .forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
    all(StatefulSet.class)
        .forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
    return templates;
  }
}
