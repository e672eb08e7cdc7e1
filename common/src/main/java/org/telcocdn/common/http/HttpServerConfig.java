package org.telcocdn.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import org.telcocdn.common.security.Gatekeeper;

/**
 * What every connection of one listener of an {@link HttpServer} shares. {@code gatekeeper} is null
 * on the viewer listener, whose routes are all public.
 */
record HttpServerConfig(
    String service,
    Listener listener,
    Router router,
    long maxBodyBytes,
    long maxUploadBytes,
    Path uploadDir,
    PrometheusMeterRegistry registry,
    ExecutorService handlers,
    RequestTimers timers,
    Gatekeeper gatekeeper) {

  /** CORS only on the viewer listener: no web page of another origin may call a control route. */
  boolean cors() {
    return listener == Listener.VIEWER;
  }
}
