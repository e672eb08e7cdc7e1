package org.telcocdn.security;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS engine Netty's contexts use: BoringSSL through netty-tcnative (what gRPC-java and
 * Armeria run on) where its native library loads, the JDK's otherwise.
 *
 * <p>Why not the JDK's: its AES-GCM is fast only once C2 has compiled it, and {@code cdn up
 * --topology} runs every service with C1 only to start in time; there a regional cache's tier route
 * encrypted some 20-30 MB/s and a 16 KiB record cost a child edge most of a millisecond to decrypt
 * (docs/topology.md, "Where a regional hit's time goes"). BoringSSL's is native code from the first
 * call, whatever the JIT.
 *
 * <p>{@code -Dtelcocdn.tls.provider=jdk} forces the JDK's engine (a comparison, or a host where the
 * native library must not load); {@code openssl}, the default, falls back to it with a warning when
 * the library cannot load.
 */
final class TlsEngines {
  private static final Logger log = LoggerFactory.getLogger(TlsEngines.class);

  static final SslProvider PROVIDER =
      choose(System.getProperty("telcocdn.tls.provider", "openssl"));

  private TlsEngines() {}

  static SslProvider choose(String wanted) {
    switch (wanted.toLowerCase(Locale.ROOT)) {
      case "jdk":
        return SslProvider.JDK;
      case "openssl":
        if (OpenSsl.isAvailable()) return SslProvider.OPENSSL;
        log.warn(
            "BoringSSL (netty-tcnative) did not load, TLS runs on the JDK's engine: {}",
            String.valueOf(OpenSsl.unavailabilityCause()));
        return SslProvider.JDK;
      default:
        throw new IllegalArgumentException(
            "telcocdn.tls.provider must be openssl or jdk, not " + wanted);
    }
  }
}
