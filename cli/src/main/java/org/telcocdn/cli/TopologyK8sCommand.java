package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.telcocdn.cli.k8s.ClusterOptions;
import org.telcocdn.cli.k8s.ClusterSecrets;
import org.telcocdn.cli.k8s.KustomizeTree;
import org.telcocdn.security.SecretFiles;
import org.telcocdn.security.Secrets;
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
  /** What this command rewrites in DIR on every run. */
  private static final Set<String> OURS = Set.of("base", "overlays");

  /**
   * The CA, the keys and certificates, kept from run to run (a new CA would make every pod's trust
   * change); anything else in DIR is not ours, so the command refuses to write there.
   */
  private static final String SECRETS = "secrets";

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
    KustomizeTree.Rendered rendered;
    try {
      ClusterOptions options =
          new ClusterOptions(namespace, registry, tag != null ? tag : version(), viewerDomain);
      rendered = KustomizeTree.render(topology.loadRunning(context), options);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    Map<String, String> files = rendered.files();
    Path dir = context.workDir().resolve(out).toAbsolutePath().normalize();
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
    writeSecrets(dir, rendered);
    context
        .out()
        .println(
            "render a site: kubectl kustomize "
                + dir.resolve("overlays").resolve(overlays.getFirst()));
    return 0;
  }

  /**
   * The internal CA and every service's key and certificate, issued for the cluster's names, in
   * DIR/secrets (kept and renewed from run to run, as {@code cdn up} does in dataDir/secrets), and
   * a copy of what each overlay's Secrets carry in its own secrets/ directory: a site's overlay
   * holds only its own services' private keys.
   */
  private void writeSecrets(Path dir, KustomizeTree.Rendered rendered) throws IOException {
    Secrets secrets = Wiring.secrets(dir);
    secrets.ensure(rendered.holders(), Instant.now()).forEach(l -> context.err().println(l));
    if (ViewerKeys.ensure(dir))
      context.err().println("created the viewer-signing keys in " + secrets.dir());
    for (Map.Entry<String, Set<String>> overlay : rendered.secretFiles().entrySet()) {
      Path target = dir.resolve(overlay.getKey()).resolve(ClusterSecrets.DIR);
      for (String file : overlay.getValue())
        copySecret(secrets.dir().resolve(file), target.resolve(file));
    }
    context
        .err()
        .println(
            "WARNING: "
                + secrets.dir()
                + " and overlays/*/"
                + ClusterSecrets.DIR
                + "/ hold private keys (mode 0600) and the CA's key: keep "
                + dir
                + " as you keep a CA, out of version control (docs/topology.md)");
  }

  /**
   * Private files (no read for others at the source) stay 0600; certificates and public keys 0644.
   */
  private static void copySecret(Path from, Path to) throws IOException {
    SecretFiles.directory(to.getParent());
    String content = Files.readString(from);
    if (Files.getPosixFilePermissions(from).contains(PosixFilePermission.OTHERS_READ))
      SecretFiles.writePublic(to, content);
    else SecretFiles.writeSecret(to, content);
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
              .filter(n -> !OURS.contains(n) && !n.equals(SECRETS))
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
