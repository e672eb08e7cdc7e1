package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.telcocdn.cli.k8s.ClusterOptions;
import org.telcocdn.cli.k8s.KustomizeTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cdn topology k8s --out DIR}: the topology's Kubernetes manifests, a Kustomize base and an
 * overlay per site.
 */
@Command(
    name = "k8s",
    mixinStandardHelpOptions = true,
    description = {
      "Write Kubernetes manifests of a topology with sites: DIR/base and DIR/overlays/SITE (Kustomize).",
      "Render one site with `kubectl kustomize DIR/overlays/SITE`, apply it with `kubectl apply -k DIR/overlays/SITE`."
    })
final class TopologyK8sCommand implements Callable<Integer> {
  /** What this command writes in DIR; anything else there is not ours, so it is left alone. */
  private static final Set<String> OURS = Set.of("base", "overlays");

  private final CliContext context;

  @Mixin TopologyOption topology;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write (created; its base/ and overlays/ are replaced).")
  Path out;

  @Option(
      names = "--namespace",
      defaultValue = "telcocdn",
      description = "Namespace of every object (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--image-registry",
      defaultValue = "telcocdn",
      description = "Images are REGISTRY/MODULE:TAG (default: ${DEFAULT-VALUE}).")
  String registry;

  @Option(
      names = "--image-tag",
      description = "Tag of every image (default: this build's version).")
  String tag;

  @Option(
      names = "--viewer-domain",
      defaultValue = "cdn.example.net",
      description =
          "Viewer-facing services are published as NAME.DOMAIN (default: ${DEFAULT-VALUE}).")
  String viewerDomain;

  TopologyK8sCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Map<String, String> files;
    try {
      ClusterOptions options =
          new ClusterOptions(namespace, registry, tag != null ? tag : version(), viewerDomain);
      files = KustomizeTree.render(topology.loadRunning(context), options);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    Path dir = context.workDir().resolve(out);
    prepare(dir);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }
    List<String> overlays =
        files.keySet().stream()
            .filter(p -> p.startsWith("overlays/") && p.endsWith("/kustomization.yaml"))
            .map(p -> p.split("/")[1])
            .toList();
    context
        .out()
        .println(
            "wrote "
                + files.size()
                + " files to "
                + dir
                + ": base/ and overlays/ of "
                + String.join(", ", overlays));
    context
        .out()
        .println(
            "render a site: kubectl kustomize "
                + dir.resolve("overlays").resolve(overlays.getFirst()));
    return 0;
  }

  /**
   * Creates DIR, or empties what an earlier run wrote there; refuses a directory holding anything
   * else.
   */
  private static void prepare(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> entries = Files.list(dir)) {
      List<String> foreign =
          entries
              .map(p -> p.getFileName().toString())
              .filter(n -> !OURS.contains(n))
              .sorted()
              .toList();
      if (!foreign.isEmpty()) {
        throw CliException.usage(
            dir
                + " holds "
                + foreign
                + ", which this command did not write; give an empty or new directory");
      }
    }
    for (String name : OURS) deleteTree(dir.resolve(name));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /**
   * The version in the cli jar's manifest, as the images are tagged by the {@code images} profile;
   * "dev" from classes.
   */
  static String version() {
    String v = TopologyK8sCommand.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
