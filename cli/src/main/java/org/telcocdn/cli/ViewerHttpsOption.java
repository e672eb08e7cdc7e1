package org.telcocdn.cli;

import picocli.CommandLine.Option;

/**
 * {@code --viewer-https} of {@code cdn up} and {@code cdn demo}: the same as {@code viewerHttps:
 * true} in the topology file. Off by default, because the tests and benchmarks speak plain HTTP to
 * the viewer listeners.
 */
final class ViewerHttpsOption {
  @Option(
      names = "--viewer-https",
      description =
          "Serve every viewer listener over HTTPS with a demo certificate for 127.0.0.1 and"
              + " localhost (made once in dataDir/secrets/viewer-tls; import its ca.pem in a browser"
              + " or pass it to curl --cacert).")
  boolean viewerHttps;

  /** {@code topology}, switched to HTTPS for viewers when the flag is given. */
  Topology apply(Topology topology) {
    return viewerHttps ? topology.withViewerHttps() : topology;
  }
}
