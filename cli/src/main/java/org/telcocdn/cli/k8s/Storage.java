package org.telcocdn.cli.k8s;

import java.util.Map;
import org.telcocdn.cli.Role;
import org.telcocdn.cli.ServiceSpec;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.config.Sizes;

/** Which volume a service gets and how large, from its role and its settings. */
final class Storage {
  /** {@code edge.disk.max-bytes}' default (docs/configuration.md). */
  static final long EDGE_DISK_DEFAULT = 2L << 30;

  private static final long GIB = 1L << 30;

  private Storage() {}

  static DataVolume of(ServiceSpec s, Map<String, String> env) {
    RoleProfile profile = RoleProfile.of(s.roleValue());
    if (profile.volume() == null || !needsVolume(s.roleValue(), env)) return DataVolume.scratch();
    String size = s.roleValue() == Role.EDGE ? edgeCache(env) : profile.volumeSize();
    return profile.statefulSet()
        ? DataVolume.perPod(profile.volume(), size)
        : DataVolume.claim(profile.volume(), s.name() + "-" + profile.volume(), size);
  }

  /**
   * The catalog keeps a file only on H2; on PostgreSQL the database's own volume holds the data.
   */
  private static boolean needsVolume(Role role, Map<String, String> env) {
    return role != Role.METADATA
        || env.getOrDefault(Settings.envName("metadata.db.url"), "").startsWith("jdbc:h2:file:");
  }

  /**
   * The disk tier's budget plus a quarter (files of fills in flight, the filesystem's own overhead)
   * plus 1 GiB for the access log files, in whole GiB.
   */
  static String edgeCache(Map<String, String> env) {
    String key = "edge.disk.max-bytes";
    String value = env.get(Settings.envName(key));
    long budget = value == null ? EDGE_DISK_DEFAULT : Sizes.parseBytes(key, value);
    long bytes = budget + budget / 4 + GIB;
    return (bytes + GIB - 1) / GIB + "Gi";
  }
}
