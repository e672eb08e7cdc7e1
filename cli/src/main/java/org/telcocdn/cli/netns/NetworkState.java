package org.telcocdn.cli.netns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code cdn up} created of a simulated network, recorded in the state file before each thing is
 * created, so that {@code cdn down} removes all of it even after {@code cdn} itself crashed half-way.
 *
 * @param namespaces every namespace that may exist (deleting one removes its veths, tuns, qdiscs and
 *     nftables table with it)
 * @param hostDevices the host's ends of the management veths
 * @param delayLinePid the delay line process, null before it was started
 * @param delayLineStart its start instant, which guards against pid reuse like {@code RunningService}'s
 * @param cut links cut with {@code cdn topology cut}, each as its two ends
 */
public record NetworkState(List<String> namespaces, List<String> hostDevices, Long delayLinePid, Instant delayLineStart,
                           List<List<String>> cut) {
  public NetworkState {
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    hostDevices = hostDevices == null ? List.of() : List.copyOf(hostDevices);
    cut = cut == null ? List.of() : List.copyOf(cut);
  }

  public NetworkState withDelayLine(ProcessHandle process) {
    return new NetworkState(namespaces, hostDevices, process.pid(), process.info().startInstant().orElse(null), cut);
  }

  public NetworkState withCut(List<List<String>> newCut) {
    return new NetworkState(namespaces, hostDevices, delayLinePid, delayLineStart, newCut);
  }

  /** The delay line, if it still runs as the process we started. */
  public Optional<ProcessHandle> delayLine() {
    if (delayLinePid == null) return Optional.empty();
    return ProcessHandle.of(delayLinePid).filter(ProcessHandle::isAlive)
        .filter(h -> delayLineStart == null || h.info().startInstant().map(delayLineStart::equals).orElse(true));
  }

  /** The recorded namespaces that still exist. */
  @JsonIgnore
  public List<String> leftoverNamespaces() {
    return namespaces.stream().filter(ns -> Files.exists(Path.of("/var/run/netns", ns))).toList();
  }
}
