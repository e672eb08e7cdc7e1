package org.telcocdn.controller;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.allocation.SiteAllocator;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.common.service.Service;
import org.telcocdn.controller.predict.ControllerPrediction;
import org.telcocdn.controller.predict.SpikeActions;
import org.telcocdn.controller.predict.SpikeBoosts;
import org.telcocdn.controller.trigger.EdgeJobs;
import org.telcocdn.controller.trigger.TitleHolders;
import org.telcocdn.controller.trigger.TriggerApi;
import org.telcocdn.controller.trigger.TriggerCommand;
import org.telcocdn.controller.trigger.TriggerRunner;
import org.telcocdn.controller.trigger.TriggerSettings;
import org.telcocdn.controller.trigger.TriggerStore;
import org.telcocdn.controller.trigger.Triggers;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.TlsMaterial;

/**
 * The streaming controller: every {@code controller.interval} (and on {@code POST
 * /api/allocations/recompute}) it allocates each site's edge capacity and pushes each edge its
 * share; {@code GET /api/allocations} shows the current plan. See docs/controller.md.
 */
public final class ControllerServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(ControllerServer.class);
  private static final Duration FIRST_ROUND_AT_MOST = Duration.ofSeconds(5);

  private final HttpServer http;
  private final ScheduledExecutorService timer;
  private final IndexAssignments index;
  private final SiteAllocations allocations;
  private final ServiceSecurity security;
  private final TriggerRunner triggers;

  /** Federated rounds and spike actions; null with {@code controller.predict.enabled=false}. */
  private final ControllerPrediction prediction;

  private ControllerServer(
      HttpServer http,
      ScheduledExecutorService timer,
      IndexAssignments index,
      SiteAllocations allocations,
      ServiceSecurity security,
      TriggerRunner triggers,
      ControllerPrediction prediction) {
    this.prediction = prediction;
    this.security = security;
    this.triggers = triggers;
    this.http = http;
    this.timer = timer;
    this.index = index;
    this.allocations = allocations;
  }

  public static ControllerServer start(ControllerConfig config) {
    ServiceSecurity security = ServiceSecurity.load(config.security(), "controller");
    JsonHttpClient client = security.client(config.timeout());
    JsonHttpClient catalogClient = catalogClient(config, client);
    IndexAssignments index = IndexAssignments.connect(config.indexPeers(), security.tls());
    BrokerEdges brokerEdges =
        new BrokerEdges(client, config.brokerUrl(), config.defaultEdgeCapacity());
    // The gauges read the plan once the allocations exist; the boosts count into the same registry.
    java.util.concurrent.atomic.AtomicReference<SiteAllocations> planned =
        new java.util.concurrent.atomic.AtomicReference<>();
    ControllerMetrics metrics =
        new ControllerMetrics(
            () -> planned.get() == null ? AllocationRound.NONE : planned.get().current());
    // Raised only by prediction's alarms: with controller.predict.enabled=false it stays empty.
    SpikeBoosts boosts =
        new SpikeBoosts(config.predict().boost(), Clock.systemUTC(), metrics.registry);
    SiteAllocations allocations =
        new SiteAllocations(
            brokerEdges,
            new SitePopularity(client, config.analyticsUrl(), config.window(), config.topK()),
            new TitleSizes(catalogClient, config.metadataUrl(), config.segmentSeconds()),
            new DemandEstimate(config.allocation().prefixSegments(), config.prefixRequestShare()),
            new SiteAllocator(config.allocation()),
            new AllocationPush(client),
            index,
            new BatchPrior(config.batchSummary()),
            config.keep(),
            boosts,
            Clock.systemUTC());
    planned.set(allocations);
    allocations.metrics(metrics);
    TriggerSettings ts = config.triggers();
    Triggers triggers =
        new Triggers(
            new TriggerStore(ts.dir()), Clock.systemUTC(), ts.retention(), ts.maxUnfinished());
    TriggerFleet fleet = new TriggerFleet(brokerEdges, allocations::current);
    TriggerCatalog catalog =
        new TriggerCatalog(client, catalogClient, config.metadataUrl(), config.brokerUrl());
    TriggerRunner runner =
        new TriggerRunner(
            triggers, fleet, catalog, catalog, new EdgeJobs(client), ts.defaultRate());
    HttpServer.Builder builder =
        HttpServer.builder("controller")
            .control(config.host(), config.port(), security)
            .limits(config.limits())
            .metrics(metrics.registry)
            .health(() -> Health.up(Map.of("generation", allocations.current().generation())))
            .get(
                "/api/allocations",
                Access.control(OperatorRole.READONLY),
                r -> Response.ok(AllocationView.of(allocations.current())))
            .post(
                "/api/allocations/recompute",
                Access.control(OperatorRole.OPERATOR),
                r -> Response.ok(AllocationView.of(recompute(allocations))));
    ControllerPrediction prediction =
        config.predict().enabled()
            ? prediction(config, metrics, brokerEdges, client, triggers, runner, boosts)
            : null;
    if (prediction != null) prediction.routes(builder);
    TitleHolders holders =
        index == null ? TitleHolders.NONE : new IndexTitleHolders(index.client(), config.timeout());
    HttpServer http =
        new TriggerApi(triggers, runner, fleet, ts.cacheTiers(), holders).routes(builder).start();
    runner.start(ts.tick());
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("controller-rounds").factory());
    long first = Math.min(config.interval().toMillis(), FIRST_ROUND_AT_MOST.toMillis());
    timer.scheduleWithFixedDelay(
        () -> scheduledRound(allocations),
        first,
        config.interval().toMillis(),
        TimeUnit.MILLISECONDS);
    nightly(config, catalogClient, brokerEdges, triggers, runner)
        .ifPresent(
            n -> timer.scheduleWithFixedDelay(() -> nightlyTick(n), 10, 60, TimeUnit.SECONDS));
    log.info("controller on port {}, a round every {}", http.port(), config.interval());
    return new ControllerServer(http, timer, index, allocations, security, runner, prediction);
  }

  /**
   * Federated rounds and acting on the edges' alarms (docs/prediction.md): a preposition trigger is
   * submitted to this controller's own trigger runner, as an operator's would be.
   */
  private static ControllerPrediction prediction(
      ControllerConfig config,
      ControllerMetrics metrics,
      BrokerEdges edges,
      JsonHttpClient client,
      Triggers triggers,
      TriggerRunner runner,
      SpikeBoosts boosts) {
    return ControllerPrediction.start(
        config.predict(),
        metrics.registry,
        () ->
            edges.upEdges().stream()
                .map(e -> new SpikeActions.Edge(e.name(), e.site(), e.url()))
                .toList(),
        client,
        command -> {
          String id = triggers.submit(TriggerCommand.parse(command, null, 0)).id();
          runner.kick();
          return id;
        },
        boosts);
  }

  /**
   * Catalog reads go to vid-metadata's viewer listener: plain HTTP, or HTTPS with a viewer
   * certificate ({@code cdn up --viewer-https}) that the internal CA did not issue, hence its own
   * trust ({@code controller.metadata-ca}).
   */
  private static JsonHttpClient catalogClient(ControllerConfig config, JsonHttpClient services) {
    if (config.metadataCa() == null) return services;
    return new JsonHttpClient(config.timeout(), TlsMaterial.trustOnly(config.metadataCa()));
  }

  /**
   * The nightly fill, when {@code controller.nightly.window} is set: it needs the batch summary (a
   * ConfigException says so otherwise).
   */
  private static java.util.Optional<NightlyPrepositions> nightly(
      ControllerConfig config,
      JsonHttpClient client,
      BrokerEdges edges,
      Triggers triggers,
      TriggerRunner runner) {
    TriggerSettings ts = config.triggers();
    if (ts.nightlyWindow().isEmpty()) return java.util.Optional.empty();
    if (config.batchSummary() == null) {
      throw new org.telcocdn.common.config.ConfigException(
          "controller.nightly.window needs controller.batch-summary (the titles come from it)");
    }
    TitleSizes sizes = new TitleSizes(client, config.metadataUrl(), config.segmentSeconds());
    java.time.LocalTime[] times = ts.nightlyTimes();
    return java.util.Optional.of(
        new NightlyPrepositions(
            new NightlyPrepositions.Settings(
                times[0], times[1], ts.nightlyCapacityShare(), ts.nightlyMaxTitles()),
            config.batchSummary(),
            () -> {
              java.util.Map<String, Long> capacity = new java.util.TreeMap<>();
              edges.upEdges().forEach(e -> capacity.merge(e.site(), e.capacityBytes(), Long::sum));
              return capacity;
            },
            id -> sizes.of(id).map(TitleSize::wholeBytes),
            triggers,
            runner::kick,
            Clock.systemUTC()));
  }

  private static void nightlyTick(NightlyPrepositions nightly) {
    try {
      nightly.tick();
    } catch (RuntimeException e) {
      log.warn("nightly preposition not sent, tried again in a minute: {}", e.getMessage());
    }
  }

  /**
   * An upstream's refusal becomes a 503 naming it, not the upstream's own status (its 404 is not
   * ours).
   */
  private static AllocationRound recompute(SiteAllocations allocations) {
    try {
      return allocations.recompute();
    } catch (ApiException e) {
      throw ApiException.unavailable("cannot compute an allocation: " + e.getMessage());
    }
  }

  private static void scheduledRound(SiteAllocations allocations) {
    try {
      allocations.recompute();
    } catch (RuntimeException e) {
      log.warn("allocation round failed, edges keep their last plan: {}", e.getMessage());
    }
  }

  SiteAllocations allocations() {
    return allocations;
  }

  @Override
  public int port() {
    return http.port();
  }

  @Override
  public int controlPort() {
    return http.controlPort();
  }

  /** The control listener: the controller has no viewer listener. */
  @Override
  public String url() {
    return controlUrl();
  }

  @Override
  public List<Router.Route> routes() {
    return http.routes();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (prediction != null) prediction.close();
    triggers.close();
    http.close();
    if (index != null) index.close();
    security.close();
  }
}
