package org.telcocdn.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.controller.trigger.TitleHolders;
import org.telcocdn.index.Holding;
import org.telcocdn.index.IndexClient;

/**
 * A trigger's titles' holders from the cache index, in one linearizable read of the titles alone (a
 * site view naming no edge). A status read waits at most {@code timeout} (the controller's for
 * every call to another service): an index without a leader makes the status say nothing of the
 * tiers' holdings rather than hang its reader.
 */
final class IndexTitleHolders implements TitleHolders {
  private static final Logger log = LoggerFactory.getLogger(IndexTitleHolders.class);

  private final IndexClient client;
  private final Duration timeout;

  IndexTitleHolders(IndexClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public Optional<Map<String, List<String>>> of(List<String> videoIds) {
    try {
      List<Holding> holdings =
          client.siteViewAsync(List.of(), videoIds).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<String, List<String>> holders = new HashMap<>();
      holdings.forEach(h -> holders.put(h.videoId(), h.holders()));
      return Optional.of(holders);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn(
          "the cache index did not say who holds {} titles: {}", videoIds.size(), e.toString());
      return Optional.empty();
    }
  }
}
