package org.telcocdn.cli;

import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.telcocdn.security.TlsMaterial;
import org.telcocdn.security.ViewerCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cdn demo}: {@code up} in the foreground, the sample catalogue, and the player page's URL.
 * A sample that fails is reported and the demo keeps running, because the services and the videos
 * that did make it are still worth looking at.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start everything, ingest the sample videos once, and print the player URL; Ctrl-C stops.")
final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin TopologyOption topology;

  @Mixin ViewerHttpsOption viewerHttps;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Topology t = viewerHttps.apply(topology.load(context));
    var dataDir = t.dataPath(context.workDir());
    Cluster cluster =
        new Cluster(t, dataDir, context.supervisor(), context.out()).from(topology.file(context));
    Foreground foreground = new Foreground(cluster, context.out());
    RunState state = foreground.up();
    StatusTable.print(context.out(), StatusTable.check(state, context.probe()));
    context.out().println("Sample videos:");
    CliSecrets secrets = new CliSecrets(dataDir);
    IngestClient client = new IngestClient(trust(t, secrets), secrets::token);
    new DemoSamples(context.samples(), client, context.out())
        .ensure(t.url(t.only(Role.METADATA)), t.url(t.only(Role.RAW)), dataDir.resolve("samples"));
    liveChannel(client, t.url(t.only(Role.RAW)));
    banner(t.url(t.only(Role.CLIENT)), t.controlUrl(t.only(Role.CLIENT)));
    if (t.viewerHttps())
      context.out().println("  (HTTPS: trust " + Wiring.viewerCertificate(dataDir).caCert() + ")");
    foreground.await();
    return 0;
  }

  /**
   * The internal CA (the origin's control listener), and with HTTPS for viewers also the viewer CA
   * (the catalog's viewer listener, where the samples are looked up).
   */
  private static SSLContext trust(Topology t, CliSecrets secrets) {
    if (!t.viewerHttps()) return secrets.trust();
    return TlsMaterial.trustOnly(
        List.of(
            secrets.secrets().caCert(), ViewerCertificate.in(secrets.secrets().dir()).caCert()));
  }

  /**
   * One test channel (docs/live.md), so a newcomer sees live playback at once; the demo goes on
   * without it when the origin refuses (e.g. a host too slow to encode in real time).
   */
  private void liveChannel(IngestClient client, String originUrl) {
    try {
      var channel = client.startLive(originUrl, "Live test channel", null);
      context
          .out()
          .println(
              "Live channel: "
                  + channel.path("id").asText()
                  + " "
                  + channel.path("playUrl").asText());
    } catch (CliException e) {
      context.err().println("No live channel: " + e.getMessage());
    }
  }

  private void banner(String playerUrl, String controlUrl) {
    String line = "=".repeat(64);
    context.out().println();
    context.out().println(line);
    context.out().println("  Player:  " + playerUrl);
    context
        .out()
        .println("  Operator page: " + controlUrl + "/operator.html (TLS from the internal CA,");
    context.out().println("    dataDir/secrets/ca.pem; token: cdn token create --role readonly)");
    context.out().println("  Press Ctrl-C to stop every service.");
    context.out().println(line);
  }
}
