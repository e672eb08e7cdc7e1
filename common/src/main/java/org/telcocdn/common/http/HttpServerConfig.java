package org.telcocdn.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/** What every connection of one {@link HttpServer} shares. */
record HttpServerConfig(
    String service,
    Router router,
    long maxBodyBytes,
    long maxUploadBytes,
    Path uploadDir,
    boolean cors,
    PrometheusMeterRegistry registry,
    Supplier<Health> health,
    ExecutorService handlers,
    RequestTimers timers) {}
