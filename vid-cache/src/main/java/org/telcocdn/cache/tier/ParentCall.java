package org.telcocdn.cache.tier;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.http.OriginCall;
import org.telcocdn.cache.http.OriginException;
import org.telcocdn.cache.http.OriginListener;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/**
 * One request to a parent cache, heard on the fill's event loop: its head goes to the {@link
 * ParentFill} that asked, which accepts it ({@link #streamInto}: the body then goes into the fill
 * chunk by chunk, as the socket reads it) or drops it (the body is discarded, or the connection cut
 * when the body is an object nobody wants). It is also the fill's handle on the stream: credit for
 * more chunks, and a cancel that the fill hears back as a failure, as from any source.
 */
final class ParentCall implements OriginListener, AsyncOriginClient.Fetch {
  private static final Logger log = LoggerFactory.getLogger(ParentCall.class);

  private final ParentFill asker;
  private final Parent parent;
  private OriginCall call;

  /** The fill its body goes into, once its head was accepted; null before. */
  private Fill fill;

  /** Its head was heard, or it failed: the asker hears nothing more of it. */
  private boolean settled;

  /** Not wanted: what else comes of it is dropped. */
  private boolean dropped;

  ParentCall(ParentFill asker, Parent parent) {
    this.asker = asker;
    this.parent = parent;
  }

  Parent parent() {
    return parent;
  }

  void sent(OriginCall started) {
    call = started;
  }

  /** Whether the asker has heard its head or failure. */
  boolean settled() {
    return settled;
  }

  /** Its body goes into {@code into}, which gets this call as its handle. */
  void streamInto(Fill into) {
    fill = into;
    into.onStart(this);
  }

  /**
   * Its answer is not used: a small body (an error's) is read and dropped, keeping the connection.
   */
  void ignore() {
    settled = true;
    dropped = true;
  }

  /** Not wanted at all, head or body: the connection is cut. */
  void abandon() {
    ignore();
    if (call != null) call.cancel("not needed");
  }

  @Override
  public void onHead(HttpResponse head) {
    if (dropped) return;
    settled = true;
    asker.head(this, head);
  }

  @Override
  public void onContent(ByteBuf content) {
    if (fill != null && !dropped) fill.onData(content);
    else content.release();
  }

  @Override
  public void onEnd() {
    if (fill != null && !dropped)
      fill.onComplete(); // the fill checks the length against the head's
  }

  @Override
  public void onError(OriginException error) {
    if (dropped) return;
    if (fill == null) {
      settled = true;
      asker.failed(this, error);
      return;
    }
    log.warn("parent {} failed mid-body of {}: {}", parent.name(), fill.key(), error.getMessage());
    fill.onError(new IOException("parent " + parent.name() + ": " + error.getMessage(), error));
  }

  @Override
  public void request(int chunks) {
    call.request(chunks);
  }

  @Override
  public void cancel(String reason) {
    Fill cancelled = fill;
    abandon();
    if (cancelled != null)
      cancelled.onError(new IOException("the fill cancelled the parent's stream: " + reason));
  }
}
