package org.telcocdn.cli.k8s;

import java.util.regex.Pattern;

/**
 * What the manifests need beyond the topology file.
 *
 * @param namespace the one namespace every site's objects go to (a cluster that spans the sites)
 * @param imageRegistry images are {@code REGISTRY/MODULE:TAG}, as the {@code images} Maven profile
 *     tags them
 * @param imageTag the tag of every image (the project version by default)
 * @param viewerDomain viewer-facing services are published as {@code http://NAME.DOMAIN:PORT} (each
 *     has a LoadBalancer Service annotated with that host name for ExternalDNS)
 */
public record ClusterOptions(
    String namespace, String imageRegistry, String imageTag, String viewerDomain) {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  public ClusterOptions {
    require(
        LABEL.matcher(namespace).matches() && namespace.length() <= 63,
        "--namespace",
        namespace,
        "a DNS label");
    require(
        !imageRegistry.isBlank() && !imageRegistry.contains(" "),
        "--image-registry",
        imageRegistry,
        "a registry path such as telcocdn or registry.example.net/cdn");
    require(
        imageTag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"),
        "--image-tag",
        imageTag,
        "an image tag");
    require(
        DOMAIN.matcher(viewerDomain).matches(),
        "--viewer-domain",
        viewerDomain,
        "a DNS name such as cdn.example.net");
  }

  public String image(String module) {
    return imageRegistry + "/" + module + ":" + imageTag;
  }

  static boolean isDnsLabel(String name) {
    return LABEL.matcher(name).matches() && name.length() <= 63;
  }

  private static void require(boolean ok, String option, String value, String rule) {
    if (!ok)
      throw new IllegalArgumentException(option + " must be " + rule + ", was '" + value + "'");
  }
}
