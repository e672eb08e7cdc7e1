package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.BoundingBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.analytics.AnalyticsConfig;
import org.telcocdn.analytics.AnalyticsServer;
import org.telcocdn.broker.BrokerServer;
import org.telcocdn.client.ClientServer;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.service.Service;
import org.telcocdn.controller.ControllerServer;
import org.telcocdn.metadata.MetadataServer;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;
import org.telcocdn.urisigning.ViewerKeyFiles;

/**
 * Issue 7's "done means": CMCD from the real player (hls.js in headless Chromium) lands in the
 * edge's access log, the analytics service tails that log and receives the player's own beacons,
 * joins both into one session by the CMCD {@code sid}, and the operator page draws it: every uPlot
 * chart with data, axes and legend, a tooltip at the cursor, a live refresh, the sessions table
 * inside its card at a 1000 px wide window, and no error in the console.
 *
 * <p>It starts its own small system (broker, metadata, origin, one edge, analytics, controller,
 * client) rather than the shared {@link Stack}, because the edge's access-log directory and the
 * analytics service are part of what is tested here. The controller feeds the page's Predictions
 * card (issue 19).
 *
 * <p>Bounded: start-up (with the ingest) and the test each fail after 90 s; both take 5–15 s here.
 */
@Timeout(90)
class OperatorPageIT {
  private static final Operator OPERATOR = Operator.admin();

  private static final List<String> CHARTS =
      List.of("chart-popularity", "chart-top", "chart-hits", "chart-ttfb", "chart-startup");

  @TempDir static Path dir;
  static final List<Service> started = new ArrayList<>();
  static BrokerServer broker;
  static AnalyticsServer analytics;
  static ClientServer client;
  static OriginServer origin;
  static String videoId;
  static Playwright playwright;
  static ViewerKeyFiles keys;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    keys =
        new ViewerKeyFiles(
            dir.resolve("secrets"), Clock.systemUTC()); // signed viewer URLs, as under `cdn up`
    keys.ensure();
    broker =
        track(
            InProcess.broker(
                Map.of("security.url-signing.private-keys", keys.signingFile().toString())));
    MetadataServer metadata = track(InProcess.metadata(dir, broker));
    origin = track(InProcess.origin(dir, metadata));
    startEdge(origin);
    analytics =
        track(
            AnalyticsServer.start(
                new AnalyticsConfig(
                    "127.0.0.1",
                    0,
                    logDir(),
                    dir.resolve("analytics"),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(1),
                    Duration.ofHours(1),
                    256,
                    1000,
                    "127.0.0.1",
                    0,
                    SecurityConfig.from(
                        Settings.of(
                            TestCredentials.shared()
                                .settings(ServiceRoles.ANALYTICS, "analytics"))))));
    // The controller feeds the page's Predictions card: it reads the edge's predictions every 1 s.
    ControllerServer controller =
        track(
            InProcess.controller(
                dir,
                broker,
                analytics.controlUrl(),
                metadata,
                Map.of("controller.predict.poll", "1s")));
    client =
        track(
            InProcess.client(
                metadata,
                broker,
                analytics.url(),
                analytics.controlUrl(),
                controller.controlUrl()));
    Await.until(
        Duration.ofSeconds(15),
        "the edge registered with the broker",
        () -> OPERATOR.upEdges(broker.controlUrl()) == 1);
    videoId =
        (String)
            OPERATOR
                .ingest(origin.url(), SampleContent.file(), SampleContent.NAME, "e2e")
                .get("id");
    playwright = Services.playwright();
    browser = Services.chromium(playwright);
  }

  private static void startEdge(OriginServer origin) {
    track(
        InProcess.edge(
            "edge-1",
            dir,
            origin,
            broker,
            Map.of(
                "edge.access-log.dir",
                logDir().toString(),
                "security.url-signing.public-keys",
                keys.publicFile().toString())));
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
  }

  @Test
  void cmcdAndBeaconsFromThePlayer_reachTheOperatorPage() throws Exception {
    String sid = watchAFewSeconds();

    List<JsonNode> records = edgeRecords(sid);
    assertThat(records).as("the edge logged this session's requests").isNotEmpty();
    List<JsonNode> segments =
        records.stream().filter(r -> r.path("segment").asInt(-1) >= 0).toList();
    assertThat(segments)
        .as("media segments of the session")
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.path("cid").asText()).isEqualTo(videoId);
              JsonNode cmcd = r.path("cmcd");
              assertThat(cmcd.path("sid").asText()).isEqualTo(sid);
              assertThat(cmcd.path("cid").asText()).isEqualTo(videoId);
              assertThat(cmcd.path("br").asLong()).isPositive();
              assertThat(cmcd.path("ot").asText()).isIn("v", "av", "a");
              assertThat(r.has("cmcd-malformed")).as("hls.js sends well-formed CMCD").isFalse();
            });

    // start-up beacon while playing, end beacon (with the time played) when the page closed
    Await.until(
        Duration.ofSeconds(15),
        "analytics joined the edge records and the beacons of " + sid,
        () -> {
          JsonNode s = get(analytics.controlUrl() + "/api/sessions/" + sid);
          return s != null
              && s.path("edgeRecords").asLong() >= segments.size()
              && s.path("beacons").asLong() >= 2;
        });
    JsonNode session = get(analytics.controlUrl() + "/api/sessions/" + sid);
    System.out.println("OperatorPageIT: edge record " + segments.get(0));
    System.out.println("OperatorPageIT: session " + session);
    assertThat(session.path("startupSource").asText()).isEqualTo("player");
    assertThat(session.path("qos").path("startupMillis").asDouble()).isPositive();
    assertThat(session.path("qos").path("avgBitrateKbps").asDouble()).isPositive();
    assertThat(session.path("qos").path("playedMillis").asLong())
        .as("played time from the end beacon")
        .isGreaterThan(2000);
    assertThat(session.path("edges").toString()).contains("edge-1");
    assertThat(session.path("titles").toString()).contains(videoId);

    List<String> problems = new CopyOnWriteArrayList<>();
    // a laptop's width, narrower than the page's 1200 px: the sessions table must still fit its
    // card
    // The page is on the client's control listener, whose certificate the internal CA signed: this
    // browser does not know that CA, as an operator's would not until ca.pem is imported.
    try (BrowserContext context =
            browser.newContext(
                new Browser.NewContextOptions()
                    .setIgnoreHTTPSErrors(true)
                    .setViewportSize(1000, 900));
        Page page = context.newPage()) {
      page.onConsoleMessage(
          m -> {
            System.out.println("[operator] " + m.type() + " " + m.text());
            if (m.type().equals("error")) problems.add(m.text());
          });
      page.onPageError(e -> problems.add("page error: " + e));
      // the token in the fragment, as an operator pastes it; the page keeps it in sessionStorage
      page.navigate(
          client.controlUrl()
              + "/operator.html#token="
              + TestCredentials.shared().token(OperatorRole.READONLY));
      page.waitForFunction(
          "sid => document.getElementById('sessions').textContent.includes(sid)",
          sid,
          new Page.WaitForFunctionOptions().setTimeout(20_000));
      for (String chart : CHARTS) {
        int points = Integer.parseInt(page.locator("#" + chart).getAttribute("data-points"));
        System.out.printf("OperatorPageIT: %s has %d data points%n", chart, points);
        assertThat(points).as(chart + " data points").isPositive();
        assertThat(page.locator("#" + chart + " canvas").count())
            .as(chart + " drawn by uPlot")
            .isEqualTo(1);
        assertThat(page.locator("#" + chart + " .u-legend").innerText())
            .as(chart + " legend")
            .isNotBlank();
      }
      assertThat(page.locator("#chart-ttfb .u-legend").innerText())
          .contains("TTFB p50", "TTFB p95");
      assertThat(page.locator("#source").innerText())
          .isEqualTo(client.controlUrl() + "/ops/analytics");
      assertThat(page.url()).as("the token left the address bar").doesNotContain("token");
      predictionsCard(page);

      Map<?, ?> fit =
          (Map<?, ?>)
              page.evaluate(
                  """
          () => { const t = document.querySelector('table.sessions');
                  return { table: t.scrollWidth, card: t.parentElement.clientWidth,
                           page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth }; }""");
      System.out.println("OperatorPageIT: widths " + fit);
      assertThat(((Number) fit.get("table")).intValue())
          .as("sessions table within its card")
          .isLessThanOrEqualTo(((Number) fit.get("card")).intValue());
      assertThat(((Number) fit.get("page")).intValue())
          .as("no horizontal scrolling")
          .isLessThanOrEqualTo(((Number) fit.get("window")).intValue());

      // axes are drawn on the canvas; the tooltip at the cursor names the values with their units
      assertThat(tooltipAt(page, "chart-popularity")).contains("requests / min");
      assertThat(tooltipAt(page, "chart-ttfb")).contains("TTFB p50", "TTFB p95", " ms");
      assertThat(tooltipAt(page, "chart-hits")).contains("hit ratio", " %");

      String updated = page.locator("#updated").innerText();
      page.waitForFunction(
          "before => document.getElementById('updated').textContent !== before",
          updated,
          new Page.WaitForFunctionOptions().setTimeout(15_000));
      assertThat(Integer.parseInt(page.locator("#chart-popularity").getAttribute("data-points")))
          .as("after a refresh")
          .isPositive();
      Path shot = Path.of("target", "operator-page.png").toAbsolutePath();
      page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
      System.out.println("OperatorPageIT: screenshot " + shot);
    }
    assertThat(problems).as("console errors").isEmpty();
  }

  /**
   * The Predictions card (issue 19): the controller has read the edge's predictions, and the card
   * shows its site with the time of the edge's last tick; a fresh model's titles are below the
   * floor, so the card says so rather than listing them.
   */
  private static void predictionsCard(Page page) {
    page.waitForFunction(
        "() => document.querySelector('#predictions .prediction-site[data-site=\"site-a\"]')",
        null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    String card = page.locator("#predictions").innerText();
    System.out.println("OperatorPageIT: predictions card: " + card.replace('\n', ' '));
    assertThat(card).contains("Predictions", "site-a").doesNotContain("unreachable");
  }

  /**
   * Issue 17's live analytics: a viewer plays a live channel; its edge records carry CMCD {@code
   * st=l}, its player beacons its distance from the live edge, and the operator page's "Live
   * channels" card shows the channel with that viewer and a latency the player itself measured. Its
   * own channel and player, so it costs this class one channel start and about 15 s of play.
   */
  @Test
  @Timeout(150)
  void liveChannelCard_showsAPlayingChannelsViewersAndLatency() throws Exception {
    HttpResponse<String> started =
        OPERATOR.post(origin.url() + "/api/live/channels?name=Operator%20live", "");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String channel = Json.MAPPER.readTree(started.body()).path("id").asText();
    try (BrowserContext context =
            browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true));
        Page player = context.newPage();
        Page operator = context.newPage()) {
      player.navigate(client.url() + "/player.html?id=" + channel);
      player.waitForFunction(
          "() => window.liveLatency && window.liveLatency.length > 0",
          null,
          new Page.WaitForFunctionOptions().setTimeout(60_000));
      String sid = (String) player.evaluate("() => window.playerStats.sessionId");
      // the first latency beacon leaves within 5 s of the first frame
      Await.until(
          Duration.ofSeconds(20),
          "analytics has a latency of " + channel,
          () ->
              liveChannel(channel) != null
                  && liveChannel(channel).path("latencyViewers").asInt() >= 1);
      List<JsonNode> records =
          readLog().stream().filter(r -> sid.equals(r.path("sid").asText())).toList();
      assertThat(records)
          .as("the live player's requests carry CMCD st=l")
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.path("cmcd").path("st").asText()).isEqualTo("l"));

      operator.navigate(
          client.controlUrl()
              + "/operator.html#token="
              + TestCredentials.shared().token(OperatorRole.READONLY));
      String row = "#live-channels tr[data-channel='" + channel + "']";
      operator.waitForFunction(
          "sel => { const r = document.querySelector(sel); return r && r.children[2].textContent.endsWith(' s'); }",
          row,
          new Page.WaitForFunctionOptions().setTimeout(20_000));
      List<String> cells = operator.locator(row + " td").allInnerTexts();
      @SuppressWarnings("unchecked")
      List<Number> measured =
          (List<Number>) player.evaluate("() => window.liveLatency.map(s => s.edge)");
      double low = measured.stream().mapToDouble(Number::doubleValue).min().orElseThrow();
      double high = measured.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
      System.out.printf(
          "OperatorPageIT: live card row %s; the player measured %.2f to %.2f s from the live edge%n",
          cells, low, high);
      assertThat(cells.get(0)).isEqualTo(channel);
      assertThat(Integer.parseInt(cells.get(1))).as("viewers now").isEqualTo(1);
      double p50 = Double.parseDouble(cells.get(2).replace(" s", ""));
      // the card shows a sample of the player's own hls.latency (rounded to ms, shown to 0.01 s)
      assertThat(p50).as("latency p50, s").isBetween(low - 0.01, high + 0.01);
      assertThat(cells.get(3)).endsWith(" s");
    }
  }

  private static JsonNode liveChannel(String channel) {
    JsonNode live = get(analytics.controlUrl() + "/api/live");
    if (live == null) return null;
    for (JsonNode c : live.path("channels")) {
      if (c.path("channel").asText().equals(channel)) return c;
    }
    return null;
  }

  /**
   * Moves the mouse over the middle of a chart's plot (the last point of a time series) and reads
   * the tooltip.
   */
  private static String tooltipAt(Page page, String chart) {
    page.locator("#" + chart + " .u-over").scrollIntoViewIfNeeded();
    BoundingBox plot = page.locator("#" + chart + " .u-over").boundingBox();
    boolean timeSeries = chart.equals("chart-popularity");
    page.mouse()
        .move(plot.x + (timeSeries ? plot.width - 3 : plot.width / 2), plot.y + plot.height / 2);
    page.waitForFunction(
        "id => { const t = document.querySelector('#' + id + ' .chart-tooltip'); return t && !t.hidden; }",
        chart,
        new Page.WaitForFunctionOptions().setTimeout(5_000));
    String text = page.locator("#" + chart + " .chart-tooltip").innerText().replace('\n', ' ');
    System.out.println("OperatorPageIT: tooltip of " + chart + ": " + text);
    return text;
  }

  /**
   * Plays the video in Chromium past 4 s and until the start-up beacon went out; the session id.
   */
  private String watchAFewSeconds() {
    try (Page page = browser.newPage()) {
      page.onConsoleMessage(m -> System.out.println("[player] " + m.text()));
      long t0 = System.nanoTime();
      page.navigate(client.url() + "/player.html?id=" + videoId);
      page.waitForFunction(
          "() => { const v = document.getElementById('video'); return v && v.currentTime > 4; }",
          null,
          new Page.WaitForFunctionOptions().setTimeout(45_000));
      page.waitForFunction(
          "() => window.playerStats.beacons && window.playerStats.beacons.sent >= 1",
          null,
          new Page.WaitForFunctionOptions().setTimeout(5_000));
      String sid = (String) page.evaluate("() => window.playerStats.sessionId");
      System.out.printf(
          "OperatorPageIT: played 4 s in %d ms, sid %s, startup %s ms, beacons %s%n",
          (System.nanoTime() - t0) / 1_000_000,
          sid,
          page.evaluate("() => window.playerStats.startupMs"),
          page.evaluate("() => JSON.stringify(window.playerStats.beacons)"));
      assertThat(sid).isNotBlank();
      return sid;
    } // closing the page sends the 'end' beacon with the time played
  }

  /** This session's lines in the edge's access-log files, once the writer has flushed them. */
  private static List<JsonNode> edgeRecords(String sid) {
    List<JsonNode> found = new ArrayList<>();
    Await.until(
        Duration.ofSeconds(10),
        "the edge logged session " + sid,
        () -> {
          found.clear();
          found.addAll(readLog().stream().filter(r -> sid.equals(r.path("sid").asText())).toList());
          return found.stream().anyMatch(r -> r.path("segment").asInt(-1) >= 0);
        });
    return found;
  }

  private static List<JsonNode> readLog() {
    try (Stream<Path> files = Files.list(logDir())) {
      List<JsonNode> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        String text = Files.readString(f);
        // only whole lines: the writer may be in the middle of the last one
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
          if (!line.isBlank()) out.add(Json.MAPPER.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode get(String url) {
    try {
      HttpResponse<String> r = OPERATOR.get(url);
      return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path logDir() {
    return dir.resolve("logs");
  }

  private static <T extends Service> T track(T service) {
    started.add(service);
    return service;
  }
}
