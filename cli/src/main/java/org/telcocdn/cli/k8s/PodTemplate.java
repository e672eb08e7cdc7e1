package org.telcocdn.cli.k8s;

import static org.telcocdn.cli.k8s.Yaml.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.telcocdn.cli.Launch;
import org.telcocdn.cli.Role;
import org.telcocdn.cli.ServiceSpec;

/**
 * The pod of one service: its container started as {@code cdn up} starts it (the same main class
 * and JVM options), its configuration from ConfigMaps, probes on {@code /health}, resources,
 * volumes and a non-root, read-mostly security context that passes the {@code restricted} Pod
 * Security Standard.
 */
final class PodTemplate {
  /** Where Jib puts the classpath file in every image (the {@code images} profile pins appRoot). */
  static final String CLASSPATH = "@/app/jib-classpath-file";

  /** The user every container runs as (no root, no user of the base image). */
  static final long USER = 10001;

  static final String COMMON_CONFIG = "telcocdn-common";
  static final String SERVICE_ACCOUNT = "telcocdn";

  private PodTemplate() {}

  /**
   * The pod spec.
   *
   * @param configMap the service's own ConfigMap
   * @param extraEnv per-pod variables (downward API), after the ConfigMaps so that they win
   * @param data the volume mounted at the data directory
   * @param secrets the volume of the Secret holding the service's keys and certificates ({@link
   *     ClusterSecrets#volume})
   */
  static Map<String, Object> spec(
      ServiceSpec s,
      String image,
      String configMap,
      List<Map<String, Object>> extraEnv,
      DataVolume data,
      Map<String, Object> secrets,
      int startSeconds) {
    Role role = s.roleValue();
    RoleProfile profile = RoleProfile.of(role);
    Map<String, Object> container =
        map(
            "name", role.module(),
            "image", image,
            "command", command(role),
            "envFrom",
                List.of(
                    map("configMapRef", map("name", COMMON_CONFIG)),
                    map("configMapRef", map("name", configMap))),
            "env", extraEnv.isEmpty() ? null : extraEnv,
            "ports", ports(s),
            "startupProbe",
                probe(quorumBound(role) ? listening() : health(role), 2, startSeconds / 2),
            "readinessProbe", probe(health(role), 5, 2),
            "livenessProbe", probe(quorumBound(role) ? listening() : health(role), 10, 6),
            "resources",
                map(
                    "requests",
                    map("cpu", profile.cpu(), "memory", profile.memory()),
                    "limits",
                    map("memory", profile.memoryLimit())),
            "volumeMounts",
                List.of(
                    map("name", data.name(), "mountPath", ClusterEndpoints.DATA_DIR.toString()),
                    map(
                        "name",
                        "secrets",
                        "mountPath",
                        ClusterEndpoints.DATA_DIR.resolve("secrets").toString(),
                        "readOnly",
                        true),
                    map("name", "tmp", "mountPath", "/tmp")),
            "securityContext",
                map(
                    "allowPrivilegeEscalation",
                    false,
                    "capabilities",
                    map("drop", List.of("ALL"))));
    List<Map<String, Object>> volumes = new ArrayList<>();
    Map<String, Object> dataSource = data.source();
    if (dataSource != null) volumes.add(dataSource);
    volumes.add(secrets);
    volumes.add(map("name", "tmp", "emptyDir", map()));
    return map(
        "serviceAccountName",
        SERVICE_ACCOUNT,
        "automountServiceAccountToken",
        false,
        // An edge drains (deregisters, finishes its responses) on SIGTERM: give it the time.
        "terminationGracePeriodSeconds",
        30,
        "securityContext",
        map(
            "runAsNonRoot",
            true,
            "runAsUser",
            USER,
            "runAsGroup",
            USER,
            "fsGroup",
            USER,
            "seccompProfile",
            map("type", "RuntimeDefault")),
        "containers",
        List.of(container),
        "volumes",
        volumes);
  }

  /** {@code java} with the options {@code cdn up} gives the role, on the classpath Jib laid out. */
  static List<String> command(Role role) {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(Launch.jvmOptions(role));
    // Heap at most half the memory limit (the JVM reads the cgroup), the rest for direct buffers
    // and
    // the JVM itself; a JVM without passwd entry for its user would resolve user.home to "?".
    command.addAll(List.of("-XX:MaxRAMPercentage=50", "-Duser.home=/tmp"));
    command.addAll(List.of("-cp", CLASSPATH, role.mainClass()));
    return command;
  }

  /**
   * The container's ports, named. {@code http} is the service's first listener: the viewer listener
   * (plain HTTP) of a service that has one, else its only listener, the control listener (HTTPS
   * with optional client certificates, docs/security.md); {@code control} is the control listener
   * of a service with both.
   */
  static List<Map<String, Object>> ports(ServiceSpec s) {
    List<Map<String, Object>> ports = new ArrayList<>(List.of(port("http", s.port())));
    if (s.roleValue().viewerListener() && s.controlPort() != null) {
      ports.add(port("control", s.controlPort()));
    }
    if (s.grpcPort() != null) ports.add(port("grpc", s.grpcPort()));
    if (s.raftPort() != null) ports.add(port("raft", s.raftPort()));
    return ports;
  }

  private static Map<String, Object> port(String name, int number) {
    return map("name", name, "containerPort", number, "protocol", "TCP");
  }

  /**
   * A cache-index member is healthy only once a quorum elected a leader: as liveness or start-up
   * check that would restart members while the group waits for its peers (or has lost a majority),
   * so those check that the member listens; its readiness still waits for a leader.
   */
  private static boolean quorumBound(Role role) {
    return role == Role.CACHE_INDEX;
  }

  /**
   * {@code /health} on the first listener: over HTTPS where that is the control listener (the
   * kubelet presents no client certificate, which the control listener's TLS does not require, and
   * an anonymous {@code /health} is answered).
   */
  private static Map<String, Object> health(Role role) {
    return map(
        "httpGet",
        map("path", "/health", "port", "http", "scheme", role.viewerListener() ? null : "HTTPS"));
  }

  private static Map<String, Object> listening() {
    return map("tcpSocket", map("port", "http"));
  }

  private static Map<String, Object> probe(
      Map<String, Object> check, int periodSeconds, int failureThreshold) {
    check.putAll(
        map(
            "periodSeconds",
            periodSeconds,
            "failureThreshold",
            Math.max(1, failureThreshold),
            "timeoutSeconds",
            2));
    return check;
  }
}
