package org.telcocdn.cli.netns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code cdn up} created of a simulated network, recorded in the state file before each thing
 * is created, so that {@code cdn down} removes all of it even after {@code cdn} itself crashed
 * half-way.
 *
 * @param namespaces every namespace that may exist (deleting one removes its veths, tuns, qdiscs
 *     and nftables table with it)
 * @param hostDevices the host's ends of the management veths
 * @param delayLinePid the delay line process, null before it was started
 * @param delayLineStart its start instant, which guards against pid reuse like {@code
 *     RunningService}'s
 * @param cut links cut with {@code cdn topology cut}, each as its two ends
 * @param delayLineConfig the delay line's configuration file, the last argument of its command line
 */
public record NetworkState(
    List<String> namespaces,
    List<String> hostDevices,
    Long delayLinePid,
    Instant delayLineStart,
    List<List<String>> cut,
    String delayLineConfig) {
  public NetworkState {
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    hostDevices = hostDevices == null ? List.of() : List.copyOf(hostDevices);
    cut = cut == null ? List.of() : List.copyOf(cut);
  }

  public NetworkState(
      List<String> namespaces,
      List<String> hostDevices,
      Long delayLinePid,
      Instant delayLineStart,
      List<List<String>> cut) {
    this(namespaces, hostDevices, delayLinePid, delayLineStart, cut, null);
  }

  public NetworkState withDelayLine(ProcessHandle process) {
    return new NetworkState(
        namespaces,
        hostDevices,
        process.pid(),
        process.info().startInstant().orElse(null),
        cut,
        delayLineConfig);
  }

  /** Recorded before the delay line starts, so that it can be found even if its pid never is. */
  public NetworkState withDelayLineConfig(String file) {
    return new NetworkState(namespaces, hostDevices, delayLinePid, delayLineStart, cut, file);
  }

  public NetworkState withCut(List<List<String>> newCut) {
    return new NetworkState(
        namespaces, hostDevices, delayLinePid, delayLineStart, newCut, delayLineConfig);
  }

  /**
   * The delay line, if it still runs as the process we started; else one started with this
   * network's configuration file that was never recorded ({@code cdn} killed between starting it
   * and writing its pid), found by its command line.
   */
  public Optional<ProcessHandle> delayLine() {
    if (delayLinePid != null) {
      Optional<ProcessHandle> recorded =
          ProcessHandle.of(delayLinePid)
              .filter(ProcessHandle::isAlive)
              .filter(
                  h ->
                      delayLineStart == null
                          || h.info().startInstant().map(delayLineStart::equals).orElse(true));
      if (recorded.isPresent()) return recorded;
    }
    if (delayLineConfig == null) return Optional.empty();
    return ProcessHandle.allProcesses()
        .filter(
            h ->
                h.info()
                    .arguments()
                    .map(
                        args ->
                            args.length > 0
                                && args[args.length - 1].equals(delayLineConfig)
                                && java.util.Arrays.asList(args)
                                    .contains(DelayLineMain.class.getName()))
                    .orElse(false))
        .findFirst();
  }

  /** The recorded namespaces that still exist. */
  @JsonIgnore
  public List<String> leftoverNamespaces() {
    return namespaces.stream().filter(ns -> Files.exists(Path.of("/var/run/netns", ns))).toList();
  }
}
