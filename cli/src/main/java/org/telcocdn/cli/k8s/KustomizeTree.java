package org.telcocdn.cli.k8s;

import static org.telcocdn.cli.k8s.Yaml.map;
import static org.telcocdn.cli.k8s.Yaml.object;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.telcocdn.cli.Role;
import org.telcocdn.cli.ServiceSpec;
import org.telcocdn.cli.Topology;
import org.telcocdn.cli.network.Node;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.ServiceIdentity;

/**
 * The manifests of a topology with sites, as files of a Kustomize tree:
 *
 * <pre>
 *   base/                   the namespace (restricted Pod Security), the pods' service account, the
 *                           settings every service shares (log format and level)
 *   overlays/SITE/          the site's services, one file each, and a patch pinning every workload of
 *                           the site to the nodes labelled topology.kubernetes.io/zone=SITE
 *   overlays/SITE/secrets/  the keys and certificates of the site's services, which the
 *                           kustomization's secretGenerator turns into one Secret per workload
 *                           (written by cdn topology k8s, not by this class: {@link Rendered})
 * </pre>
 *
 * One cluster spans the sites (a site's nodes are its zone), so every overlay renders on its own
 * ({@code kubectl kustomize overlays/SITE}) and they are applied one after the other into one
 * namespace, where the services reach each other by name.
 */
public final class KustomizeTree {
  /** The well-known node label of a zone: here, a site. */
  public static final String ZONE = "topology.kubernetes.io/zone";

  /**
   * The annotation ExternalDNS publishes a viewer-facing LoadBalancer under: its viewer host name.
   */
  public static final String EXTERNAL_DNS = "external-dns.alpha.kubernetes.io/hostname";

  private static final String KUSTOMIZATION = "kustomize.config.k8s.io/v1beta1";

  private final Topology cluster;
  private final ClusterOptions options;
  private final ServiceObjects objects;

  private KustomizeTree(Topology cluster, ClusterOptions options) {
    this.cluster = cluster;
    this.options = options;
    this.objects = new ServiceObjects(cluster, options);
  }

  /**
   * What {@code cdn topology k8s} writes.
   *
   * @param files every manifest by its path under the output directory
   * @param secretFiles for each overlay ({@code overlays/SITE}), the key and certificate files its
   *     secretGenerators read from its {@code secrets/} directory, as paths under the secrets
   *     directory ({@code services/broker.key})
   * @param holders every service of the cluster with the names its certificate must carry
   */
  public record Rendered(
      Map<String, String> files,
      Map<String, Set<String>> secretFiles,
      List<Secrets.Holder> holders) {}

  /**
   * The manifests, and what their Secrets need.
   *
   * @throws IllegalArgumentException when the topology cannot run in a cluster (the reason named)
   */
  public static Rendered render(Topology topology, ClusterOptions options) {
    KustomizeTree tree = new KustomizeTree(ClusterTopology.of(topology), options);
    Map<String, String> files = tree.files();
    return new Rendered(files, tree.secretFiles, tree.holders());
  }

  private final Map<String, Set<String>> secretFiles = new LinkedHashMap<>();

  /**
   * Each service as other services reach it in the cluster (its Service name, or an index member's
   * pod name under the headless Service), with the namespace's {@code .svc} form, and loopback.
   */
  private List<Secrets.Holder> holders() {
    ClusterEndpoints endpoints = new ClusterEndpoints(options);
    List<Secrets.Holder> holders = new ArrayList<>();
    for (ServiceSpec s : cluster.services()) {
      String host = endpoints.host(s);
      holders.add(
          new Secrets.Holder(
              new ServiceIdentity(
                  s.role(), s.site() == null ? ServiceIdentity.NO_SITE : s.site(), s.name()),
              List.of(host, host + "." + options.namespace() + ".svc", "localhost", "127.0.0.1")));
    }
    return holders;
  }

  private Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "base/kustomization.yaml",
        kustomization(
            "the objects every site shares",
            List.of("namespace.yaml", "service-account.yaml", "common-config.yaml"),
            List.of()));
    files.put("base/namespace.yaml", Yaml.write(namespace()));
    files.put(
        "base/service-account.yaml",
        Yaml.write(
            object(
                "v1",
                "ServiceAccount",
                meta(PodTemplate.SERVICE_ACCOUNT),
                "automountServiceAccountToken",
                false)));
    files.put(
        "base/common-config.yaml",
        Yaml.write(
            object(
                "v1",
                "ConfigMap",
                meta(PodTemplate.COMMON_CONFIG),
                "data",
                map("CDN_LOG_FORMAT", "json", "CDN_LOG_LEVEL", "INFO"))));
    for (Node site : cluster.siteNetwork().sites()) overlay(site, files);
    return files;
  }

  private void overlay(Node site, Map<String, String> files) {
    String dir = "overlays/" + site.name() + "/";
    List<String> resources = new ArrayList<>(List.of("../../base"));
    List<ServiceSpec> members = new ArrayList<>();
    List<Map<String, Object>> generators = new ArrayList<>();
    Set<String> needed = new TreeSet<>();
    for (String name : cluster.siteNetwork().servicesIn(site.name())) {
      ServiceSpec s = cluster.named(name).orElseThrow();
      if (s.roleValue() == Role.CACHE_INDEX) {
        members.add(s);
        continue;
      }
      resources.add(s.name() + ".yaml");
      files.put(dir + s.name() + ".yaml", Yaml.documents(objects.of(s)));
      Set<String> own = objects.secretFiles(s);
      generators.add(ClusterSecrets.generator(ServiceObjects.secretName(s.name()), own));
      needed.addAll(own);
    }
    if (!members.isEmpty()) {
      IndexObjects index = new IndexObjects(objects, options, cluster.startTimeoutSeconds());
      resources.add(ClusterTopology.INDEX + ".yaml");
      files.put(dir + ClusterTopology.INDEX + ".yaml", Yaml.documents(index.of(members)));
      Set<String> own = index.secretFiles(members);
      generators.add(
          ClusterSecrets.generator(ServiceObjects.secretName(ClusterTopology.INDEX), own));
      needed.addAll(own);
    }
    if (!needed.isEmpty()) secretFiles.put("overlays/" + site.name(), needed);
    String about =
        "site "
            + site.name()
            + " ("
            + site.kind().yamlName()
            + "): "
            + (resources.size() == 1 ? "no services yet" : "its services")
            + ", every workload pinned to the nodes of zone "
            + site.name();
    files.put(
        dir + "kustomization.yaml",
        kustomization(about, resources, zonePatches(site.name()), generators));
  }

  private String kustomization(
      String about, List<String> resources, List<Map<String, Object>> patches) {
    return kustomization(about, resources, patches, List.of());
  }

  private String kustomization(
      String about,
      List<String> resources,
      List<Map<String, Object>> patches,
      List<Map<String, Object>> secrets) {
    Map<String, Object> k =
        map(
            "apiVersion",
            KUSTOMIZATION,
            "kind",
            "Kustomization",
            "namespace",
            options.namespace(),
            "resources",
            resources,
            "patches",
            patches.isEmpty() ? null : patches,
            "secretGenerator",
            secrets.isEmpty() ? null : secrets);
    return "# " + about + "\n" + Yaml.write(k);
  }

  /** Node affinity to the site's zone for every Deployment and StatefulSet of the overlay. */
  private static List<Map<String, Object>> zonePatches(String site) {
    Map<String, Object> affinity =
        map(
            "nodeAffinity",
            map(
                "requiredDuringSchedulingIgnoredDuringExecution",
                map(
                    "nodeSelectorTerms",
                    List.of(
                        map(
                            "matchExpressions",
                            List.of(
                                map("key", ZONE, "operator", "In", "values", List.of(site))))))));
    // JSON (a JSON 6902 patch is JSON, and YAML accepts it): no indentation to get wrong inside a
    // string.
    String patch =
        Yaml.json(
            List.of(map("op", "add", "path", "/spec/template/spec/affinity", "value", affinity)));
    List<Map<String, Object>> patches = new ArrayList<>();
    for (String kind : List.of("Deployment", "StatefulSet")) {
      patches.add(
          map("target", map("group", "apps", "version", "v1", "kind", kind), "patch", patch));
    }
    return patches;
  }

  /**
   * The pods are non-root, without privilege escalation or capabilities: the restricted standard
   * holds.
   */
  private Map<String, Object> namespace() {
    return object(
        "v1",
        "Namespace",
        map(
            "name",
            options.namespace(),
            "labels",
            map(
                "app.kubernetes.io/part-of",
                ServiceObjects.PART_OF,
                "pod-security.kubernetes.io/enforce",
                "restricted")));
  }

  private static Map<String, Object> meta(String name) {
    return map("name", name, "labels", map("app.kubernetes.io/part-of", ServiceObjects.PART_OF));
  }
}
