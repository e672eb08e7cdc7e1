package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cli.k8s.ClusterEndpoints;
import org.telcocdn.cli.k8s.ClusterOptions;
import org.telcocdn.cli.k8s.ClusterTopology;
import org.telcocdn.cli.k8s.KustomizeTree;
import org.telcocdn.cli.network.NodeKind;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.config.Sizes;

/**
 * {@code cdn topology k8s} on the worked example, every overlay rendered by {@code kubectl
 * kustomize} (offline) and read back with fabric8's Kubernetes model. An IT because it runs
 * kubectl.
 */
class KubernetesManifestsIT {
  private static final Path TELCO = Path.of("..", "topology", "telco.yaml").toAbsolutePath();
  private static final Pattern URL = Pattern.compile("https?://([a-z0-9.-]+):(\\d+)");
  private static final ClusterOptions OPTIONS =
      new ClusterOptions("telcocdn", "telcocdn", "dev", "cdn.example.net");

  @TempDir static Path work;
  private static Topology topology;
  private static Map<String, RenderedSite> sites;

  @BeforeAll
  static void render() throws Exception {
    Console console = Console.withoutSamples(work);
    assertThat(
            console.run(
                "topology",
                "k8s",
                "--topology",
                TELCO.toString(),
                "--out",
                "k8s",
                "--image-tag",
                "dev"))
        .as(console.err())
        .isZero();
    topology = TopologyFile.load(TELCO);
    assumeThat(kubectl())
        .as(
            "kubectl is not on PATH, so the overlays cannot be rendered (install kubectl: it renders Kustomize offline)")
        .isNotNull();
    sites = new LinkedHashMap<>();
    for (String site : topology.sites().stream().map(s -> s.name()).toList()) {
      sites.put(
          site, RenderedSite.parse(site, kustomize(work.resolve("k8s/overlays").resolve(site))));
    }
  }

  @Test
  void everySiteHasAnOverlay_andNoPrivateKeyOutsideTheSecretsDirectories() throws IOException {
    assertThat(sites).containsOnlyKeys(topology.sites().stream().map(s -> s.name()).toList());
    try (Stream<Path> files = Files.walk(work.resolve("k8s"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        boolean secret = work.resolve("k8s").relativize(f).toString().contains("secrets/");
        if (!secret) assertThat(Files.readString(f)).as(f.toString()).doesNotContain("PRIVATE KEY");
        if (f.getFileName().toString().endsWith(".key"))
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
              .as(f.toString())
              .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void everyWorkloadMountsItsOwnSecret_withTheFilesItsSettingsName() {
    int workloads = 0;
    for (RenderedSite site : sites.values()) {
      for (Map.Entry<String, PodTemplateSpec> w : site.podTemplates().entrySet()) {
        workloads++;
        String what = site.site() + "/" + w.getKey();
        SecretVolumeSource volume =
            w.getValue().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("secrets"))
                .findFirst()
                .orElseThrow()
                .getSecret();
        Secret secret = site.named(Secret.class, volume.getSecretName()).orElseThrow();
        assertThat(volume.getSecretName()).as(what).startsWith(w.getKey() + "-secrets-");
        assertThat(volume.getOptional()).as(what).isNotEqualTo(Boolean.TRUE);
        assertThat(volume.getDefaultMode()).as(what).isEqualTo(0440);
        assertThat(secret.getData().keySet())
            .as(what)
            .containsExactlyInAnyOrderElementsOf(
                volume.getItems().stream().map(KeyToPath::getKey).toList());
        Set<String> mounted =
            volume.getItems().stream()
                .map(i -> "/var/lib/telcocdn/secrets/" + i.getPath())
                .collect(Collectors.toSet());
        assertThat(mounted).as(what).containsAll(namedSecretFiles(site, w.getKey()));
      }
    }
    assertThat(workloads).isGreaterThan(8);
  }

  @Test
  void eachCertificateChainsToTheCa_andNamesTheServiceAsTheClusterReachesIt() throws Exception {
    RenderedSite core = sites.get("core-1");
    Secret broker = secretOf(core, "broker");
    Secret index = secretOf(core, ClusterTopology.INDEX);
    X509Certificate ca = certificate(broker.getData().get("ca.pem"));

    X509Certificate brokerCert = certificate(broker.getData().get("broker.pem"));
    X509Certificate member = certificate(index.getData().get("cache-index-1.pem"));

    brokerCert.verify(ca.getPublicKey());
    member.verify(ca.getPublicKey());
    assertThat(sans(brokerCert))
        .contains(
            "spiffe://telcocdn/vid-cache-broker/core-1/broker", "broker", "broker.telcocdn.svc");
    assertThat(sans(member))
        .contains(
            "cache-index-1.cache-index", "spiffe://telcocdn/cache-index/core-1/cache-index-1");
    assertThat(broker.getData()).containsKeys("viewer-signing.json", "broker.key");
    assertThat(index.getData()).containsKeys("cache-index-0.key", "cache-index-2.key");
    Secret edge = secretOf(sites.get("edge-a"), "edge-1");
    assertThat(edge.getData())
        .as("an edge: its own key, the viewer keys' public half, nothing of the broker's")
        .containsKeys("edge-1.key", "viewer-keys.json")
        .doesNotContainKeys("viewer-signing.json", "broker.key", "edge-2.key");
    assertThat(work.resolve("k8s/overlays/edge-a/secrets/services/edge-2.key")).doesNotExist();
  }

  private static Secret secretOf(RenderedSite site, String workload) {
    String name =
        site.podTemplates().get(workload).getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("secrets"))
            .findFirst()
            .orElseThrow()
            .getSecret()
            .getSecretName();
    return site.named(Secret.class, name).orElseThrow();
  }

  /** The files under the secrets mount that a workload's ConfigMap names (its settings). */
  private static Set<String> namedSecretFiles(RenderedSite site, String workload) {
    ConfigMap config =
        site.all(ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().startsWith(workload + "-config"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap of " + workload));
    return config.getData().values().stream()
        .filter(v -> v.startsWith("/var/lib/telcocdn/secrets/"))
        .collect(Collectors.toSet());
  }

  private static X509Certificate certificate(String base64) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
  }

  private static List<String> sans(X509Certificate cert) throws Exception {
    return cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
  }

  @Test
  void everyWorkloadHasProbesResourcesAndTheZoneOfItsSite() {
    sites.forEach(
        (site, rendered) ->
            rendered
                .podTemplates()
                .forEach(
                    (name, pod) -> {
                      Container c = pod.getSpec().getContainers().getFirst();
                      String what = site + "/" + name;
                      assertThat(c.getReadinessProbe().getHttpGet().getPath())
                          .as(what)
                          .isEqualTo("/health");
                      assertThat(c.getLivenessProbe()).as(what).isNotNull();
                      assertThat(c.getStartupProbe()).as(what).isNotNull();
                      assertThat(c.getResources().getRequests())
                          .as(what)
                          .containsKeys("cpu", "memory");
                      assertThat(c.getResources().getLimits()).as(what).containsKey("memory");
                      assertThat(zones(pod)).as(what).containsExactly(site);
                      assertThat(pod.getMetadata().getLabels())
                          .as(what)
                          .containsEntry("telcocdn.org/site", site);
                    }));
    long workloads = sites.values().stream().mapToLong(s -> s.podTemplates().size()).sum();
    long expected = topology.services().size() - topology.ofRole(Role.CACHE_INDEX).size() + 1;
    assertThat(workloads).isEqualTo(expected);
  }

  @Test
  void theIndexIsAStatefulSetOfEveryMemberWithAHeadlessServiceAndAMajorityBudget() {
    int members = topology.ofRole(Role.CACHE_INDEX).size();
    RenderedSite core = sites.get(topology.ofRole(Role.CACHE_INDEX).getFirst().site());
    StatefulSet index = core.named(StatefulSet.class, ClusterTopology.INDEX).orElseThrow();
    assertThat(index.getSpec().getReplicas()).isEqualTo(members);
    assertThat(index.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    Service headless = core.named(Service.class, index.getSpec().getServiceName()).orElseThrow();
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    PodDisruptionBudget pdb = core.all(PodDisruptionBudget.class).getFirst();
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(members / 2 + 1);
    assertThat(index.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(index.getSpec().getVolumeClaimTemplates())
        .extracting(pvc -> pvc.getMetadata().getName())
        .containsExactly("raft");
  }

  @Test
  void everyEdgeKeepsItsCacheOnAVolumeAtLeastItsDiskBudget() {
    for (ServiceSpec edge : topology.ofRole(Role.EDGE)) {
      StatefulSet set = sites.get(edge.site()).named(StatefulSet.class, edge.name()).orElseThrow();
      PersistentVolumeClaim cache = set.getSpec().getVolumeClaimTemplates().getFirst();
      assertThat(cache.getMetadata().getName()).isEqualTo("cache");
      assertThat(
              Quantity.getAmountInBytes(cache.getSpec().getResources().getRequests().get("storage"))
                  .longValue())
          .isGreaterThan(
              Sizes.parseBytes(
                  "edge.disk.max-bytes",
                  config(edge.site(), edge.name())
                      .getOrDefault("CDN_EDGE_DISK_MAX_BYTES", "2GiB")));
      Container c = set.getSpec().getTemplate().getSpec().getContainers().getFirst();
      assertThat(c.getVolumeMounts())
          .anyMatch(
              m ->
                  m.getName().equals("cache")
                      && m.getMountPath().equals(ClusterEndpoints.DATA_DIR.toString()));
      assertThat(config(edge.site(), edge.name()).get("CDN_EDGE_CACHE_DIR"))
          .startsWith(ClusterEndpoints.DATA_DIR + "/");
    }
  }

  @Test
  void theOriginStoreAndTheCatalogDatabaseAreClaims() {
    for (String name : List.of("vid-raw", "vid-metadata")) {
      ServiceSpec s = topology.named(name).orElseThrow();
      PodTemplateSpec pod = sites.get(s.site()).podTemplates().get(name);
      String claim =
          pod.getSpec().getVolumes().stream()
              .filter(v -> v.getPersistentVolumeClaim() != null)
              .map(v -> v.getPersistentVolumeClaim().getClaimName())
              .findFirst()
              .orElseThrow();
      assertThat(sites.get(s.site()).named(PersistentVolumeClaim.class, claim))
          .as(name)
          .isPresent();
    }
  }

  @Test
  void servicePortsAreTheConfiguredPorts() {
    for (ServiceSpec s : clusterServices()) {
      RenderedSite site = sites.get(s.site());
      String instance = s.roleValue() == Role.CACHE_INDEX ? ClusterTopology.INDEX : s.name();
      Service service = site.named(Service.class, instance).orElseThrow();
      Map<String, Integer> ports = new HashMap<>();
      service.getSpec().getPorts().forEach(p -> ports.put(p.getName(), p.getPort()));
      if (midTier(s)) {
        assertThat(ports).as(s.name()).containsOnly(Map.entry("control", s.controlPort()));
      } else {
        assertThat(ports).as(s.name()).containsEntry("http", s.port());
      }
      assertThat(
              Integer.parseInt(
                  config(s.site(), instance).get(Settings.envName(httpPortKey(s.roleValue())))))
          .isEqualTo(s.port());
      if (s.roleValue().viewerListener()) {
        assertThat(ports).as(s.name()).containsEntry("control", s.controlPort());
      }
      if (s.grpcPort() != null) assertThat(ports).containsEntry("grpc", s.grpcPort());
      if (s.raftPort() != null) assertThat(ports).containsEntry("raft", s.raftPort());
      List<ContainerPort> declared =
          site.podTemplates().get(instance).getSpec().getContainers().getFirst().getPorts();
      for (ServicePort p : service.getSpec().getPorts()) {
        assertThat(declared)
            .as(s.name() + " " + p.getName())
            .anyMatch(
                c ->
                    c.getName().equals(p.getTargetPort().getStrVal())
                        && c.getContainerPort().equals(p.getPort()));
      }
    }
  }

  @Test
  void viewersReachTheBrokerTheClientAndEveryEdgeThroughALoadBalancer() {
    List<ServiceSpec> exposed =
        new ArrayList<>(topology.ofRole(Role.EDGE).stream().filter(s -> !midTier(s)).toList());
    exposed.add(topology.only(Role.BROKER));
    exposed.add(topology.only(Role.CLIENT));
    for (ServiceSpec s : exposed) {
      Service lb = sites.get(s.site()).named(Service.class, s.name() + "-viewers").orElseThrow();
      assertThat(lb.getSpec().getType()).isEqualTo("LoadBalancer");
      assertThat(lb.getSpec().getPorts().getFirst().getPort()).isEqualTo(s.port());
    }
  }

  /**
   * A vid-cache in a regional site is a mid-tier cache: its cache on a claim as an edge's, but no
   * LoadBalancer and no viewer port in any Service, only a virtual IP on its control listener,
   * which its child edges fill from and the broker sends invalidations to.
   */
  @Test
  void midTierCachesAreReachedOnTheirControlListenerOnly() {
    List<ServiceSpec> midTier =
        topology.ofRole(Role.EDGE).stream().filter(s -> midTier(s)).toList();
    assertThat(midTier).extracting(ServiceSpec::name).containsExactly("regional-1", "regional-2");
    for (ServiceSpec s : midTier) {
      RenderedSite site = sites.get(s.site());
      assertThat(site.all(Service.class))
          .as(s.site())
          .noneMatch(svc -> "LoadBalancer".equals(svc.getSpec().getType()))
          .noneMatch(svc -> svc.getMetadata().getName().equals(s.name() + "-viewers"));
      Service service = site.named(Service.class, s.name()).orElseThrow();
      assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
      assertThat(service.getSpec().getClusterIP()).as("a virtual IP, not headless").isNull();
      assertThat(service.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/component", "mid-tier-cache");
      assertThat(site.named(StatefulSet.class, s.name()).orElseThrow().getSpec().getServiceName())
          .isEqualTo(s.name());
      assertThat(config(s.site(), s.name()))
          .containsEntry("CDN_EDGE_TIER", "regional")
          .doesNotContainKey("CDN_EDGE_PUBLIC_URL");
    }
    String control = "https://regional-1:" + midTier.getFirst().controlPort();
    assertThat(config("edge-a", "edge-1").get("CDN_EDGE_PARENTS_PRIMARY"))
        .isEqualTo("regional-1=" + control);
    assertThat(config("core-1", "broker").get("CDN_BROKER_TIER_CACHES"))
        .contains("regional-1=" + control + ",regional-2=https://regional-2:");
  }

  /**
   * The same class {@code cdn up} wires with gives every ConfigMap: per member, with the pod's own
   * id.
   */
  @Test
  void configIsWhatWiringComputes() {
    Topology cluster = ClusterTopology.of(topology);
    Wiring wiring = new Wiring(cluster, new ClusterEndpoints(OPTIONS));
    for (ServiceSpec s : cluster.services()) {
      if (s.roleValue() != Role.CACHE_INDEX) {
        assertThat(config(s.site(), s.name())).as(s.name()).isEqualTo(wiring.env(s));
        continue;
      }
      Map<String, String> env = new HashMap<>(config(s.site(), ClusterTopology.INDEX));
      StatefulSet set =
          sites.get(s.site()).named(StatefulSet.class, ClusterTopology.INDEX).orElseThrow();
      for (EnvVar v : set.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()) {
        boolean podName =
            v.getValueFrom() != null
                && "metadata.name".equals(v.getValueFrom().getFieldRef().getFieldPath());
        env.put(v.getName(), podName ? s.name() : expand(v.getValue(), env));
      }
      assertThat(env).as(s.name()).isEqualTo(wiring.env(s));
    }
  }

  /** Every URL a service is given names a Service that exists, at a port it serves. */
  @Test
  void everyWiredUrlReachesARenderedService() {
    Map<String, Integer> reachable = new HashMap<>();
    sites
        .values()
        .forEach(
            site ->
                site.all(Service.class)
                    .forEach(
                        svc ->
                            svc.getSpec()
                                .getPorts()
                                .forEach(
                                    p -> {
                                      reachable.merge(
                                          svc.getMetadata().getName() + ":" + p.getPort(),
                                          1,
                                          Integer::sum);
                                      if (svc.getMetadata().getAnnotations() != null
                                          && svc.getMetadata()
                                              .getAnnotations()
                                              .containsKey(KustomizeTree.EXTERNAL_DNS)) {
                                        reachable.merge(
                                            svc.getMetadata()
                                                    .getAnnotations()
                                                    .get(KustomizeTree.EXTERNAL_DNS)
                                                + ":"
                                                + p.getPort(),
                                            1,
                                            Integer::sum);
                                      }
                                    })));
    for (int i = 0; i < topology.ofRole(Role.CACHE_INDEX).size(); i++) {
      ServiceSpec first = topology.ofRole(Role.CACHE_INDEX).getFirst();
      reachable.put(
          ClusterTopology.INDEX + "-" + i + "." + ClusterTopology.INDEX + ":" + first.raftPort(),
          1);
    }
    int urls = 0;
    for (RenderedSite site : sites.values()) {
      for (ConfigMap cm : site.all(ConfigMap.class)) {
        for (String value : cm.getData().values()) {
          Matcher m = URL.matcher(value);
          while (m.find()) {
            urls++;
            assertThat(reachable)
                .as(cm.getMetadata().getName() + ": " + value)
                .containsKey(m.group(1) + ":" + m.group(2));
          }
          for (String peer : value.contains("=cache-index-") ? value.split(",") : new String[0]) {
            assertThat(reachable)
                .as(cm.getMetadata().getName())
                .containsKey(peer.substring(peer.indexOf('=') + 1));
          }
        }
      }
    }
    assertThat(urls).isGreaterThan(10);
  }

  private static boolean midTier(ServiceSpec s) {
    return s.roleValue() == Role.EDGE
        && topology.siteNetwork().siteOf(s.name()).kind() == NodeKind.REGIONAL;
  }

  private static List<ServiceSpec> clusterServices() {
    return ClusterTopology.of(topology).services();
  }

  private static String httpPortKey(Role role) {
    return switch (role) {
      case CACHE_INDEX -> "index.http-port";
      case METADATA -> "metadata.port";
      case BROKER -> "broker.port";
      case RAW -> "origin.port";
      case EDGE -> "edge.port";
      case ANALYTICS -> "analytics.port";
      case CONTROLLER -> "controller.port";
      case CLIENT -> "client.port";
    };
  }

  private static Map<String, String> config(String site, String instance) {
    return sites.get(site).named(ConfigMap.class, instance + "-config").orElseThrow().getData();
  }

  private static List<String> zones(PodTemplateSpec pod) {
    return pod
        .getSpec()
        .getAffinity()
        .getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms()
        .stream()
        .flatMap(t -> t.getMatchExpressions().stream())
        .filter(e -> e.getKey().equals(KustomizeTree.ZONE) && e.getOperator().equals("In"))
        .map(NodeSelectorRequirement::getValues)
        .flatMap(List::stream)
        .toList();
  }

  /** Kubernetes' {@code $(VAR)} references to earlier variables. */
  private static String expand(String value, Map<String, String> env) {
    Matcher m = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)").matcher(value);
    return m.replaceAll(r -> Matcher.quoteReplacement(env.get(r.group(1))));
  }

  private static String kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) return Path.of(dir, "kubectl").toString();
    }
    return null;
  }

  private static String kustomize(Path overlay) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(kubectl(), "kustomize", overlay.toString())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS))
        .as("kubectl kustomize " + overlay + " finished")
        .isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("kubectl kustomize " + overlay + ":\n" + text).isZero();
    return text;
  }
}
