package org.telcocdn.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.telcocdn.cli.netns.LinkProbe;
import org.telcocdn.cli.netns.ProbeResult;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.LinkSpec;
import org.telcocdn.cli.network.SiteNetwork;
import org.telcocdn.common.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cdn topology show | probe | exec | cut | restore | k8s}: the simulated network of a
 * topology with sites (docs/topology.md). Without {@code --topology} they use the file the running
 * {@code cdn up} recorded.
 */
@Command(
    name = "topology",
    mixinStandardHelpOptions = true,
    description = "Show, measure and use the simulated network of a topology with sites.")
final class TopologyCommand implements Runnable {
  private final CliContext context;

  private TopologyCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new TopologyCommand(context))
        .addSubcommand(new Show(context))
        .addSubcommand(new Probe(context))
        .addSubcommand(new Exec(context))
        .addSubcommand("cut", new Cut(context, true))
        .addSubcommand("restore", new Cut(context, false))
        .addSubcommand(new TopologyK8sCommand(context));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(context.out());
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Sites (kind, namespace, parents, services and their URLs), links with their spec, client groups.")
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Mixin TopologyOption topology;

    @Option(names = "--json", description = "Print {sites: [...], links: [...], clients: [...]}.")
    boolean json;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Topology t = topology.loadRunning(context);
      if (!t.sited())
        throw CliException.usage(
            "the topology has no sites (no simulated network); try --topology topology/telco.yaml");
      List<Link> cut =
          RunningNetwork.cutOf(t, new StateFile(t.dataPath(context.workDir())).read().orElse(null));
      TopologyView view = TopologyView.of(t, cut);
      if (json) printJson(context.out(), view);
      else print(context.out(), view);
      return 0;
    }

    private static void print(PrintStream out, TopologyView view) {
      out.printf("%-14s %-9s %-20s %-30s %s%n", "SITE", "KIND", "NAMESPACE", "PARENTS", "SERVICES");
      for (TopologyView.SiteView s : view.sites()) {
        out.printf(
            "%-14s %-9s %-20s %-30s %s%n",
            s.name(),
            s.kind(),
            s.namespace(),
            String.join(", ", s.parents()),
            String.join(" ", s.services().stream().map(v -> v.name() + "=" + v.url()).toList()));
      }
      out.println();
      out.printf(
          "%-32s %-6s %9s %9s %8s %9s  %s%n",
          "LINK", "DEVICE", "ONE-WAY", "JITTER", "LOSS", "RATE", "STATE");
      for (TopologyView.LinkView l : view.links()) {
        LinkSpec s = l.spec();
        out.printf(
            Locale.ROOT,
            "%-32s %-6s %6.2f ms %6.2f ms %6.2f %% %9s  %s%n",
            l.a() + " – " + l.b(),
            l.device(),
            s.oneWayMs(),
            s.jitterMs(),
            s.lossPct(),
            s.rateMbit() == null ? "unshaped" : s.rateMbit() + " Mbit",
            l.up() ? "up" : "CUT");
      }
      out.println();
      out.printf("%-14s %-20s %-14s %s%n", "CLIENTS", "NAMESPACE", "ATTACH", "SUBNET");
      for (TopologyView.ClientView c : view.clients()) {
        out.printf("%-14s %-20s %-14s %s%n", c.name(), c.namespace(), c.attach(), c.subnet());
      }
    }
  }

  @Command(
      name = "probe",
      mixinStandardHelpOptions = true,
      description =
          "Measure every link of the running network (round trip, rate, loss) against its spec;"
              + " exit 1 when one is off by more than 10 %% or 0.3 ms (round trip), 10 %% (rate) or 1 point (loss).")
  static final class Probe implements Callable<Integer> {
    private final CliContext context;

    @Mixin TopologyOption topology;

    @Option(
        names = "--json",
        description =
            "Print {ok, links: [{a, b, spec, expectedRttMs, connectRttMs, requestRttMs, rateMbit, lossPct, problems}]}.")
    boolean json;

    @Option(
        names = "--link",
        paramLabel = "A,B",
        split = ";",
        description = "Probe only these links (the two ends' names).")
    List<String> only;

    Probe(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      RunningNetwork running = RunningNetwork.of(context, topology);
      SiteNetwork net = running.network();
      LinkProbe probe = new LinkProbe(net);
      List<ProbeResult> results = new ArrayList<>();
      if (!json)
        context
            .out()
            .printf(
                "%-32s %8s %9s %9s %9s %9s %7s %7s  %s%n",
                "LINK",
                "RTT SPEC",
                "CONNECT",
                "REQUEST",
                "RATE SPEC",
                "RATE",
                "LOSS S.",
                "LOSS",
                "VERDICT");
      for (Link link : net.links()) {
        if (running.cut().contains(link) || !wanted(link)) continue;
        ProbeResult r;
        try {
          r = probe.measure(link);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
          throw CliException.runtime("probing " + link.label() + " failed: " + e.getMessage());
        }
        results.add(r);
        if (!json) printRow(context.out(), r);
      }
      boolean ok = results.stream().allMatch(ProbeResult::ok);
      if (json) printJson(context.out(), Map.of("ok", ok, "links", results));
      else
        context
            .out()
            .println(
                ok ? "All links within tolerance." : "Some links are off their spec (see above).");
      return ok ? 0 : CliException.RUNTIME;
    }

    private boolean wanted(Link link) {
      return only == null
          || only.stream()
              .map(s -> s.split(","))
              .anyMatch(p -> p.length == 2 && link.joins(p[0].trim(), p[1].trim()));
    }

    private static void printRow(PrintStream out, ProbeResult r) {
      LinkSpec s = r.spec();
      out.printf(
          Locale.ROOT,
          "%-32s %5.2f ms %6.2f ms %6.2f ms %9s %9s %5.2f %% %5.2f %%  %s%n",
          r.a() + " – " + r.b(),
          r.expectedRttMs(),
          r.connectRttMs(),
          r.requestRttMs(),
          s.rateMbit() == null ? "-" : fmt(s.rateMbit()),
          r.rateMbit() == null ? "-" : fmt(r.rateMbit()),
          s.lossPct(),
          r.lossPct(),
          r.ok() ? "ok" : String.join("; ", r.problems()));
    }

    private static String fmt(double mbit) {
      return String.format(Locale.ROOT, "%.1f", mbit);
    }
  }

  @Command(
      name = "exec",
      mixinStandardHelpOptions = true,
      description =
          "Run COMMAND inside a client group's (or a site's) namespace, e.g. as a viewer: cdn topology exec ran-1 -- curl URL.")
  static final class Exec implements Callable<Integer> {
    private final CliContext context;

    @Mixin TopologyOption topology;

    @Parameters(
        index = "0",
        paramLabel = "CLIENT-GROUP",
        description = "A client group (or site) of the running topology.")
    String node;

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "COMMAND",
        description = "The command and its arguments (after --).")
    List<String> command;

    Exec(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      RunningNetwork running = RunningNetwork.of(context, topology);
      String namespace =
          running
              .network()
              .node(node)
              .orElseThrow(
                  () ->
                      CliException.usage(
                          "'"
                              + node
                              + "' is neither a client group nor a site; client groups: "
                              + running.network().clientGroups().stream()
                                  .map(n -> n.name())
                                  .toList()))
              .namespace();
      List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
      argv.addAll(command);
      try {
        return new ProcessBuilder(argv).inheritIO().start().waitFor();
      } catch (IOException e) {
        throw CliException.runtime("cannot run " + argv + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CliException.RUNTIME;
      }
    }
  }

  /**
   * {@code cut A B} takes a link down and re-routes around it; {@code restore A B} brings it back.
   */
  @Command(
      mixinStandardHelpOptions = true,
      description =
          "cut A B: take the link between A and B down (a failure drill);"
              + " restore A B: bring it back. Routes in every namespace are recomputed around cut links.")
  static final class Cut implements Callable<Integer> {
    private final CliContext context;
    private final boolean cut;

    @Mixin TopologyOption topology;

    @Parameters(index = "0", paramLabel = "A")
    String a;

    @Parameters(index = "1", paramLabel = "B")
    String b;

    Cut(CliContext context, boolean cut) {
      this.context = context;
      this.cut = cut;
    }

    @Override
    public Integer call() {
      RunningNetwork running = RunningNetwork.of(context, topology);
      Link link =
          running
              .network()
              .link(a, b)
              .orElseThrow(
                  () -> CliException.usage("there is no link between '" + a + "' and '" + b + "'"));
      List<Link> now = running.recut(link, cut);
      context
          .out()
          .println(
              (cut ? "Cut " : "Restored ")
                  + link.label()
                  + "; routes recomputed ("
                  + now.size()
                  + " link(s) cut).");
      return 0;
    }
  }

  static void printJson(PrintStream out, Object value) {
    try {
      out.println(
          Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
