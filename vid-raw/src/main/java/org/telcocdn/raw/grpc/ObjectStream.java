package org.telcocdn.raw.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.protocol.origin.Chunk;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.raw.OriginMetrics;
import org.telcocdn.raw.OriginMetrics.FetchOutcome;
import org.telcocdn.raw.store.StoredObject;

/**
 * Streams one byte range of a file as chunks, honouring gRPC flow control: chunks are sent only
 * while the call {@code isReady()}, and sending resumes from the on-ready handler, so a slow edge
 * holds back the origin instead of making it buffer the whole object.
 *
 * <p>Concurrency: the ready and cancel handlers run on gRPC threads and only signal; all file reads
 * and all calls on the observer happen in {@link #drain()}, on the reader executor. The
 * work-in-progress counter ensures one drain at a time and that a signal arriving during a drain
 * causes another pass (the usual "missed" loop), so no wake-up is lost and the observer is never
 * called concurrently.
 */
final class ObjectStream {
  private static final Logger log = LoggerFactory.getLogger(ObjectStream.class);

  private final ServerCallStreamObserver<Chunk> call;
  private final StoredObject object;
  private final ObjectInfo info;
  private final long end;
  private final int chunkBytes;
  private final Executor reader;
  private final OriginMetrics metrics;
  private final AtomicInteger wip = new AtomicInteger();
  private volatile boolean cancelled;
  private long position;
  private boolean infoSent;
  private boolean done;
  private FileChannel file;

  ObjectStream(
      ServerCallStreamObserver<Chunk> call,
      StoredObject object,
      ObjectInfo info,
      long offset,
      long end,
      int chunkBytes,
      Executor reader,
      OriginMetrics metrics) {
    this.call = call;
    this.object = object;
    this.info = info;
    this.position = offset;
    this.end = end;
    this.chunkBytes = chunkBytes;
    this.reader = reader;
    this.metrics = metrics;
  }

  void start() {
    call.setOnCancelHandler(
        () -> {
          cancelled = true;
          signal();
        });
    call.setOnReadyHandler(this::signal);
    signal();
  }

  private void signal() {
    if (wip.getAndIncrement() == 0) reader.execute(this::drainLoop);
  }

  private void drainLoop() {
    int missed = 1;
    do {
      drain();
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void drain() {
    if (done) return;
    try {
      if (cancelled) {
        finish(FetchOutcome.CANCELLED);
        return;
      }
      while (call.isReady() && !cancelled && (!infoSent || position < end)) sendNext();
      if (infoSent && position >= end && !cancelled) {
        call.onCompleted();
        finish(FetchOutcome.OK);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("fetch of {} failed at byte {}", object.file(), position, e);
      finish(FetchOutcome.ERROR);
      call.onError(
          Status.INTERNAL.withDescription("origin cannot read the object").asRuntimeException());
    }
  }

  private void sendNext() throws IOException {
    if (file == null) file = FileChannel.open(object.file(), StandardOpenOption.READ);
    int want = (int) Math.min(chunkBytes, end - position);
    ByteBuffer buffer = ByteBuffer.allocate(want);
    while (buffer.hasRemaining()) {
      int n = file.read(buffer, position + buffer.position());
      if (n < 0) throw new IOException("object shrank while being sent: " + object.file());
    }
    buffer.flip(); // a fresh buffer per chunk, never reused, so wrapping without a copy is safe
    Chunk.Builder chunk = Chunk.newBuilder().setData(UnsafeByteOperations.unsafeWrap(buffer));
    if (!infoSent) chunk.setInfo(info);
    call.onNext(chunk.build());
    infoSent = true;
    position += want;
    metrics.bytesSent(want);
  }

  private void finish(FetchOutcome outcome) {
    done = true;
    metrics.fetch("fetch", outcome);
    if (file == null) return;
    try {
      file.close();
    } catch (IOException ignored) {
      // read-only; nothing was lost
    }
  }
}
