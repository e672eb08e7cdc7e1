package org.telcocdn.cli.k8s;

import static org.telcocdn.cli.k8s.Yaml.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key and certificate files a workload's pods read under {@code /var/lib/telcocdn/secrets}, and
 * the Kustomize Secret that carries them: what the wiring names there (its certificate and key, the
 * CA, the operators' public keys, the viewer-signing keys of the broker or the edges), nothing
 * more, so a pod holds only its own private key (the index members of one StatefulSet share one pod
 * template, so they share one Secret of every member's key).
 *
 * <p>A Secret's keys cannot contain {@code /}: each file is stored under its file name and mounted
 * back at its path by the volume's {@code items} ({@code services/broker.pem}). The overlay's
 * {@code secretGenerator} reads the files from {@code secrets/} beside its kustomization (Kustomize
 * loads nothing from outside the kustomization's directory), and names the Secret with a hash of
 * its content, rewriting the pod templates' references: new certificates roll the pods.
 */
public final class ClusterSecrets {
  /** Where an overlay keeps the files its secretGenerators read, and the pods mount them. */
  public static final String DIR = "secrets";

  private static final String MOUNT = ClusterEndpoints.DATA_DIR.resolve(DIR) + "/";

  /** Group-readable (the pods' fsGroup), nobody else: the files hold private keys. */
  private static final int MODE = 0440;

  private ClusterSecrets() {}

  /** The files under the secrets mount that {@code env}'s settings name, as relative paths. */
  static Set<String> named(Map<String, String> env) {
    Set<String> files = new TreeSet<>();
    for (String value : env.values()) {
      if (value.startsWith(MOUNT)) files.add(value.substring(MOUNT.length()));
    }
    return files;
  }

  /** {@code named(env)} and each index member's certificate and key, for their shared template. */
  static Set<String> withMembers(Map<String, String> env, List<String> pods) {
    Set<String> files = new TreeSet<>(named(env));
    for (String pod : pods) {
      files.add("services/" + pod + ".pem");
      files.add("services/" + pod + ".key");
    }
    return files;
  }

  /** The pod's volume of the Secret {@code name}: every file mounted back at its path. */
  static Map<String, Object> volume(String name, Set<String> files) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (String f : files) items.add(map("key", key(f), "path", f));
    return map(
        "name", "secrets", "secret", map("secretName", name, "items", items, "defaultMode", MODE));
  }

  /** The overlay's {@code secretGenerator} entry of the Secret {@code name}. */
  static Map<String, Object> generator(String name, Set<String> files) {
    List<String> sources = new ArrayList<>();
    for (String f : files) sources.add(key(f) + "=" + DIR + "/" + f);
    return map("name", name, "files", sources);
  }

  /** A file's key in its Secret: its name, which must be unique within the Secret. */
  static String key(String file) {
    return Path.of(file).getFileName().toString();
  }

  /** Fails when two files of one Secret would share a key. */
  static Set<String> checked(String secret, Set<String> files) {
    Set<String> keys = new HashSet<>();
    for (String f : files) {
      if (!keys.add(key(f)))
        throw new IllegalArgumentException(secret + " would hold two files named " + key(f));
    }
    return files;
  }
}
