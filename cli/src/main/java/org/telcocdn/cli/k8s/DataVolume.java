package org.telcocdn.cli.k8s;

import static org.telcocdn.cli.k8s.Yaml.map;

import java.util.List;
import java.util.Map;

/**
 * The volume a pod keeps its data directory on: scratch space (an emptyDir, gone with the pod), a
 * PersistentVolumeClaim of its Deployment, or a claim per pod from its StatefulSet's template.
 *
 * @param name the volume's name in the pod (the claim template's name for a StatefulSet)
 * @param claim the PersistentVolumeClaim's name, or null
 * @param size the storage requested, or null for scratch space
 */
record DataVolume(String name, String claim, String size, boolean perPod) {
  static DataVolume scratch() {
    return new DataVolume("data", null, null, false);
  }

  static DataVolume claim(String name, String claim, String size) {
    return new DataVolume(name, claim, size, false);
  }

  static DataVolume perPod(String name, String size) {
    return new DataVolume(name, null, size, true);
  }

  boolean persistent() {
    return size != null;
  }

  /**
   * The pod's volume entry; null for a StatefulSet's claim template, which adds the volume itself.
   */
  Map<String, Object> source() {
    if (perPod) return null;
    return claim == null
        ? map("name", name, "emptyDir", map())
        : map("name", name, "persistentVolumeClaim", map("claimName", claim));
  }

  /**
   * A claim (the Deployment's object, or the body of a StatefulSet's template), ReadWriteOnce on
   * the default storage class.
   */
  Map<String, Object> claimSpec() {
    return map(
        "accessModes",
        List.of("ReadWriteOnce"),
        "resources",
        map("requests", map("storage", size)));
  }
}
