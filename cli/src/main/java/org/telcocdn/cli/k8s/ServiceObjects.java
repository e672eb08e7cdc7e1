package org.telcocdn.cli.k8s;

import static org.telcocdn.cli.k8s.Yaml.map;
import static org.telcocdn.cli.k8s.Yaml.object;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.telcocdn.cli.Role;
import org.telcocdn.cli.ServiceSpec;
import org.telcocdn.cli.Topology;
import org.telcocdn.cli.Wiring;
import org.telcocdn.cli.network.Node;
import org.telcocdn.cli.network.NodeKind;

/**
 * The Kubernetes objects of one service: its settings as a ConfigMap (what {@link Wiring} gives it,
 * the same class {@code cdn up} uses), a Service with its named ports, a LoadBalancer Service when
 * viewers reach it, its volume, and its Deployment or StatefulSet. The cache-index members together
 * are one StatefulSet ({@link IndexObjects}).
 */
final class ServiceObjects {
  static final String PART_OF = "telcocdn";
  static final String SITE_LABEL = "telcocdn.org/site";
  static final String SITE_KIND_LABEL = "telcocdn.org/site-kind";
  static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  static final String CONFIG_HASH = "telcocdn.org/config-sha256";

  private final Topology cluster;
  private final Wiring wiring;
  private final ClusterOptions options;
  private final ClusterEndpoints endpoints;

  ServiceObjects(Topology cluster, ClusterOptions options) {
    this.cluster = cluster;
    this.options = options;
    this.endpoints = new ClusterEndpoints(options);
    this.wiring = new Wiring(cluster, endpoints);
  }

  Wiring wiring() {
    return wiring;
  }

  List<Map<String, Object>> of(ServiceSpec s) {
    Map<String, String> env = wiring.env(s);
    RoleProfile profile = profile(s);
    DataVolume data = Storage.of(s, env);
    List<Map<String, Object>> objects = new ArrayList<>();
    objects.add(configMap(s.name(), s, env));
    objects.add(
        midTier(s) ? controlService(s) : service(s.name(), s, profile.statefulSet(), false));
    if (profile.viewerFacing()) objects.add(viewerService(s));
    if (data.claim() != null)
      objects.add(
          object(
              "v1",
              "PersistentVolumeClaim",
              metadata(data.claim(), s, s.name()),
              "spec",
              data.claimSpec()));
    Map<String, Object> pod =
        PodTemplate.spec(
            s,
            options.image(s.roleValue().module()),
            configName(s.name()),
            List.of(),
            data,
            ClusterSecrets.volume(secretName(s.name()), secretFiles(s)),
            cluster.startTimeoutSeconds());
    objects.add(
        profile.statefulSet()
            ? statefulSet(s.name(), s, 1, pod, env, data, false)
            : deployment(s, pod, env, data));
    return objects;
  }

  Map<String, Object> configMap(String name, ServiceSpec s, Map<String, String> env) {
    return object(
        "v1", "ConfigMap", metadata(configName(name), s, name), "data", new TreeMap<>(env));
  }

  /** In-cluster: headless for a StatefulSet (each pod its own DNS name), a virtual IP otherwise. */
  Map<String, Object> service(String name, ServiceSpec s, boolean headless, boolean notReadyToo) {
    List<Map<String, Object>> ports = new ArrayList<>();
    for (Map<String, Object> p : PodTemplate.ports(s)) {
      ports.add(
          map(
              "name",
              p.get("name"),
              "port",
              p.get("containerPort"),
              "targetPort",
              p.get("name"),
              "protocol",
              "TCP"));
    }
    return object(
        "v1",
        "Service",
        metadata(name, s, name),
        "spec",
        map(
            "clusterIP",
            headless ? "None" : null,
            // Raft members must find each other before any is ready: readiness waits for a leader.
            "publishNotReadyAddresses",
            notReadyToo ? true : null,
            "selector",
            selector(name),
            "ports",
            ports));
  }

  /**
   * A mid-tier cache's one Service: a virtual IP on its control listener, where its child edges
   * fill from it ({@code edge.parents.*}) and the broker invalidates it ({@code
   * broker.tier-caches}). Its viewer listener stays inside the pod (the kubelet's probes use it):
   * no Service, in the cluster or out, leads viewers there.
   */
  private Map<String, Object> controlService(ServiceSpec s) {
    return object(
        "v1",
        "Service",
        metadata(s.name(), s, s.name()),
        "spec",
        map(
            "type",
            "ClusterIP",
            "selector",
            selector(s.name()),
            "ports",
            List.of(
                map(
                    "name",
                    "control",
                    "port",
                    s.controlPort(),
                    "targetPort",
                    "control",
                    "protocol",
                    "TCP"))));
  }

  private RoleProfile profile(ServiceSpec s) {
    return midTier(s) ? RoleProfile.midTierCache() : RoleProfile.of(s.roleValue());
  }

  /** A vid-cache in a regional site, as {@code cdn up} wires it ({@code edge.tier=regional}). */
  private boolean midTier(ServiceSpec s) {
    return s.roleValue() == Role.EDGE
        && cluster.siteNetwork().siteOf(s.name()).kind() == NodeKind.REGIONAL;
  }

  /** A LoadBalancer per viewer-facing service, published under its viewer host name. */
  private Map<String, Object> viewerService(ServiceSpec s) {
    Map<String, Object> metadata = metadata(s.name() + "-viewers", s, s.name());
    metadata.put("annotations", map(KustomizeTree.EXTERNAL_DNS, endpoints.viewerHost(s)));
    return object(
        "v1",
        "Service",
        metadata,
        "spec",
        map(
            "type",
            "LoadBalancer",
            // Keeps the viewer's address (the access log, coverage zones) and the traffic in the
            // site's nodes.
            "externalTrafficPolicy",
            "Local",
            "selector",
            selector(s.name()),
            "ports",
            List.of(
                map("name", "http", "port", s.port(), "targetPort", "http", "protocol", "TCP"))));
  }

  private Map<String, Object> deployment(
      ServiceSpec s, Map<String, Object> pod, Map<String, String> env, DataVolume data) {
    return object(
        "apps/v1",
        "Deployment",
        metadata(s.name(), s, s.name()),
        "spec",
        map(
            "replicas",
            1,
            // A ReadWriteOnce volume cannot be attached to the old and the new pod at once.
            "strategy",
            data.claim() != null ? map("type", "Recreate") : null,
            "selector",
            map("matchLabels", selector(s.name())),
            "template",
            template(s, s.name(), pod, env)));
  }

  Map<String, Object> statefulSet(
      String name,
      ServiceSpec s,
      int replicas,
      Map<String, Object> pod,
      Map<String, String> env,
      DataVolume data,
      boolean parallel) {
    return object(
        "apps/v1",
        "StatefulSet",
        metadata(name, s, name),
        "spec",
        map(
            "replicas",
            replicas,
            "serviceName",
            name,
            "podManagementPolicy",
            parallel ? "Parallel" : null,
            "selector",
            map("matchLabels", selector(name)),
            "template",
            template(s, name, pod, env),
            "volumeClaimTemplates",
            List.of(map("metadata", map("name", data.name()), "spec", data.claimSpec()))));
  }

  /** Pods carry the hash of their settings, so a changed ConfigMap rolls them. */
  private Map<String, Object> template(
      ServiceSpec s, String instance, Map<String, Object> pod, Map<String, String> env) {
    Map<String, Object> metadata =
        map(
            "labels",
            labels(s, instance),
            "annotations",
            map(CONFIG_HASH, sha256(new TreeMap<>(env).toString())));
    return map("metadata", metadata, "spec", pod);
  }

  Map<String, Object> metadata(String name, ServiceSpec s, String instance) {
    return map("name", name, "labels", labels(s, instance));
  }

  private Map<String, Object> labels(ServiceSpec s, String instance) {
    Role role = s.roleValue();
    Node site = cluster.siteNetwork().siteOf(s.name());
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", role.module());
    labels.put(INSTANCE_LABEL, instance);
    labels.put("app.kubernetes.io/component", profile(s).component());
    labels.put("app.kubernetes.io/part-of", PART_OF);
    labels.put(SITE_LABEL, site.name());
    labels.put(SITE_KIND_LABEL, site.kind().yamlName());
    return labels;
  }

  static Map<String, Object> selector(String instance) {
    return map("app.kubernetes.io/part-of", PART_OF, INSTANCE_LABEL, instance);
  }

  static String configName(String name) {
    return name + "-config";
  }

  /** The files of {@code s}'s Secret: what its wiring names under the secrets mount. */
  Set<String> secretFiles(ServiceSpec s) {
    return ClusterSecrets.checked(secretName(s.name()), ClusterSecrets.named(wiring.env(s)));
  }

  /**
   * The Secret a service's keys and certificates are mounted from (at {@code DATA_DIR/secrets},
   * where {@code cdn up} keeps them under its data directory), generated by its overlay's
   * kustomization from the files {@code cdn topology k8s} writes ({@link ClusterSecrets}).
   */
  static String secretName(String name) {
    return name + "-secrets";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
