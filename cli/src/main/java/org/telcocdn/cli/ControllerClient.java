package org.telcocdn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.JsonHttpClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The running controller's control listener, called with the data directory's CA and admin token
 * (as every {@code cdn} command that talks to a service): {@code --controller URL}, else the
 * topology's controller. A refusal becomes a {@link CliException} carrying the controller's
 * message.
 */
final class ControllerClient {
  @Option(
      names = "--controller",
      paramLabel = "URL",
      description = "The controller's control URL (default: the running topology's controller).")
  String controller;

  @Mixin TopologyOption topology = new TopologyOption();

  JsonNode get(CliContext context, String path) {
    return call(context, c -> c.get(url(context) + path, JsonNode.class));
  }

  JsonNode post(CliContext context, String path, Object body) {
    return call(context, c -> c.post(url(context) + path, body, JsonNode.class));
  }

  private JsonNode call(
      CliContext context, java.util.function.Function<JsonHttpClient, JsonNode> call) {
    CliSecrets secrets =
        new CliSecrets(
            controller != null ? topology.dataDir(context) : topology.runningDataDir(context));
    JsonHttpClient client =
        new JsonHttpClient(Duration.ofSeconds(10), secrets.trust(), secrets::token);
    try {
      return call.apply(client);
    } catch (ApiException e) {
      throw CliException.runtime(
          "the controller answered " + e.status() + " " + e.error() + ": " + e.getMessage());
    }
  }

  private String url(CliContext context) {
    if (controller != null)
      return controller.endsWith("/")
          ? controller.substring(0, controller.length() - 1)
          : controller;
    Topology t = topology.loadRunning(context);
    return t.ofRole(Role.CONTROLLER).stream()
        .map(t::url)
        .findFirst()
        .orElseThrow(
            () -> CliException.usage("the topology has no controller; name it with --controller"));
  }
}
