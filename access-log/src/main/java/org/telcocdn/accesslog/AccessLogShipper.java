package org.telcocdn.accesslog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships batches of records to the analytics service ({@code POST {url}} with a JSON-lines body), on
 * its own thread. A batch that fails is retried with back-off while newer ones wait; when the
 * bounded queue is full the oldest batch is dropped and counted: the files stay the record of truth
 * (the analytics service can tail them), shipping is the low-latency path.
 */
public final class AccessLogShipper implements Consumer<List<AccessRecord>>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessLogShipper.class);

  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final BlockingQueue<List<AccessRecord>> queue = new ArrayBlockingQueue<>(256);
  private final AtomicLong shipped = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  public AccessLogShipper(String url) {
    this.url = URI.create(url);
    this.thread = Thread.ofPlatform().name("access-log-shipper").daemon().start(this::run);
  }

  @Override
  public void accept(List<AccessRecord> records) {
    while (!queue.offer(records)) {
      List<AccessRecord> oldest = queue.poll();
      if (oldest != null) dropped.addAndGet(oldest.size());
    }
  }

  public long shipped() {
    return shipped.get();
  }

  public long dropped() {
    return dropped.get();
  }

  private void run() {
    long backoff = 100;
    List<AccessRecord> pending = null;
    while (!closing || pending != null || !queue.isEmpty()) {
      try {
        if (pending == null) pending = queue.poll(200, TimeUnit.MILLISECONDS);
        if (pending == null) continue;
        if (post(pending)) {
          shipped.addAndGet(pending.size());
          pending = null;
          backoff = 100;
        } else if (closing) {
          dropped.addAndGet(pending.size());
          pending = null;
        } else {
          Thread.sleep(backoff);
          backoff = Math.min(backoff * 2, 5000);
        }
      } catch (InterruptedException e) {
        closing = true;
      }
    }
  }

  private boolean post(List<AccessRecord> records) throws InterruptedException {
    StringBuilder body = new StringBuilder(records.size() * 300);
    for (AccessRecord r : records) {
      RecordJson.write(r, body);
      body.append('\n');
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) return true;
      log.debug("analytics answered {} to a batch of {}", status, records.size());
    } catch (java.io.IOException e) {
      log.debug("cannot ship to {}: {}", url, e.toString());
    }
    return false;
  }

  @Override
  public void close() {
    closing = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
