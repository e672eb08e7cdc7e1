package org.telcocdn.cli.k8s;

import static org.telcocdn.cli.k8s.Yaml.map;
import static org.telcocdn.cli.k8s.Yaml.object;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.telcocdn.cli.Role;
import org.telcocdn.cli.ServiceSpec;
import org.telcocdn.cli.Wiring;
import org.telcocdn.common.config.Settings;
import org.telcocdn.security.Secrets;

/**
 * The cache-index members as one StatefulSet: as many replicas as the file has members, started all
 * at once (no member is ready before a quorum elected a leader, so ordered start-up would wait
 * forever), a headless Service through which the members find each other by pod name, and a
 * PodDisruptionBudget that keeps a majority up through voluntary disruptions (node drains,
 * upgrades). The settings all members share are one ConfigMap; a member's id and storage are its
 * pod's name, given by the downward API.
 */
final class IndexObjects {
  /** The settings that differ between members: set per pod, not in the shared ConfigMap. */
  static final List<String> PER_MEMBER =
      List.of(
          Settings.envName("index.id"),
          Settings.envName("index.storage-dir"),
          Settings.envName("security.tls.cert"),
          Settings.envName("security.tls.key"));

  private final ServiceObjects objects;
  private final ClusterOptions options;
  private final int startSeconds;

  IndexObjects(ServiceObjects objects, ClusterOptions options, int startSeconds) {
    this.objects = objects;
    this.options = options;
    this.startSeconds = startSeconds;
  }

  List<Map<String, Object>> of(List<ServiceSpec> members) {
    ServiceSpec first = members.getFirst();
    Map<String, String> shared = shared(members);
    String name = ClusterTopology.INDEX;
    DataVolume raft =
        DataVolume.perPod(
            RoleProfile.of(Role.CACHE_INDEX).volume(),
            RoleProfile.of(Role.CACHE_INDEX).volumeSize());
    Map<String, Object> pod =
        PodTemplate.spec(
            first,
            options.image(Role.CACHE_INDEX.module()),
            ServiceObjects.configName(name),
            perPodEnv(),
            raft,
            ClusterSecrets.volume(ServiceObjects.secretName(name), secretFiles(members)),
            startSeconds);
    return List.of(
        objects.configMap(name, first, shared),
        objects.service(name, first, true, true),
        disruptionBudget(name, first, members.size()),
        objects.statefulSet(name, first, members.size(), pod, shared, raft, true));
  }

  /** The files of the members' one Secret: the shared ones and every member's own. */
  Set<String> secretFiles(List<ServiceSpec> members) {
    return ClusterSecrets.checked(
        ServiceObjects.secretName(ClusterTopology.INDEX),
        ClusterSecrets.withMembers(
            shared(members), members.stream().map(ServiceSpec::name).toList()));
  }

  /** Every member's settings but the per-member ones, which must be all that differs. */
  private Map<String, String> shared(List<ServiceSpec> members) {
    Map<String, String> shared = withoutPerMember(objects.wiring().env(members.getFirst()));
    for (ServiceSpec m : members) {
      if (!withoutPerMember(objects.wiring().env(m)).equals(shared)) {
        throw new IllegalArgumentException(
            "cache-index member "
                + m.name()
                + " has settings of its own (env:); the members of a"
                + " StatefulSet share one pod template: give every member the same env");
      }
    }
    return shared;
  }

  private static Map<String, String> withoutPerMember(Map<String, String> env) {
    Map<String, String> rest = new LinkedHashMap<>(env);
    PER_MEMBER.forEach(rest::remove);
    return rest;
  }

  /**
   * The member's Raft id is its pod's name; its storage is named after it on its own volume, and so
   * are its certificate and key (each member is a service identity of its own).
   */
  private static List<Map<String, Object>> perPodEnv() {
    String id = PER_MEMBER.get(0);
    String pod = "$(" + id + ")";
    Secrets secrets = Wiring.secrets(ClusterEndpoints.DATA_DIR);
    return List.of(
        map("name", id, "valueFrom", map("fieldRef", map("fieldPath", "metadata.name"))),
        map(
            "name",
            PER_MEMBER.get(1),
            "value",
            ClusterEndpoints.DATA_DIR.resolve("data").resolve("cache-index") + "/" + pod),
        map("name", PER_MEMBER.get(2), "value", secrets.serviceCert(pod).toString()),
        map("name", PER_MEMBER.get(3), "value", secrets.serviceKey(pod).toString()));
  }

  /** A majority must stay: with fewer members up the group cannot commit. */
  private Map<String, Object> disruptionBudget(String name, ServiceSpec first, int members) {
    return object(
        "policy/v1",
        "PodDisruptionBudget",
        objects.metadata(name, first, name),
        "spec",
        map(
            "minAvailable",
            members / 2 + 1,
            "selector",
            map("matchLabels", ServiceObjects.selector(name))));
  }
}
