package org.telcocdn.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 origin on a free loopback port that answers what the test scripts and records what it
 * was asked, in order (OkHttp's MockWebServer is the model). It writes its responses byte by byte
 * from a {@link Reply}, so a test can make it misbehave as real origins do: a body shorter or
 * longer than its {@code Content-Length}, a connection closed before the head or in the middle of
 * the body, a head larger than any proxy accepts, a reply that never comes.
 *
 * <p>Keep-alive: a connection serves requests until the client closes it or a reply ends it. The
 * handler runs on the connection's own (virtual) thread, so a handler may block, e.g. on a latch
 * that holds a response back while a test sends more requests.
 */
public final class FakeHttpOrigin implements AutoCloseable {
  private static final int MAX_HEAD = 1 << 20;

  private final ServerSocket socket;
  private final Function<Request, Reply> handler;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;
  private final String scheme;

  private FakeHttpOrigin(Function<Request, Reply> handler, SSLContext tls) throws IOException {
    this.handler = handler;
    this.scheme = tls == null ? "http" : "https";
    this.socket =
        tls == null
            ? new ServerSocket(0, 100, InetAddress.getLoopbackAddress())
            : tls.getServerSocketFactory()
                .createServerSocket(0, 100, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().name("fake-http-origin").start(this::accept);
  }

  /** Starts an origin answering every request with {@code handler}'s reply. */
  public static FakeHttpOrigin start(Function<Request, Reply> handler) {
    return start(handler, null);
  }

  /**
   * As {@link #start(Function)}, over TLS with {@code tls}'s certificate (a service's, from {@link
   * TestCredentials#service}), as a service of ours answers another.
   */
  public static FakeHttpOrigin start(Function<Request, Reply> handler, SSLContext tls) {
    try {
      return new FakeHttpOrigin(handler, tls);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a loopback port", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, or {@code https://} over TLS. */
  public String url() {
    return scheme + "://127.0.0.1:" + socket.getLocalPort();
  }

  /** Connections accepted so far. */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /** Every request received so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests received for {@code target} (path and query as sent). */
  public List<Request> requests(String target) {
    return requests.stream().filter(r -> r.target().equals(target)).toList();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing: nothing to do
    }
    for (Socket c : connections) closeQuietly(c);
    acceptor.interrupt();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket c = socket.accept();
        accepted.incrementAndGet();
        connections.add(c);
        Thread.ofVirtual().name("fake-http-origin-conn").start(() -> serve(c));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket c) {
    try (c) {
      InputStream in = c.getInputStream();
      OutputStream out = c.getOutputStream();
      while (true) {
        Request request = read(in);
        if (request == null) return;
        requests.add(request);
        Reply reply = handler.apply(request);
        if (!write(reply, request, out)) return;
      }
    } catch (IOException e) {
      // the client went away: the next request gets a new connection
    } finally {
      connections.remove(c);
    }
  }

  /** Writes the reply; false when the connection must close after it. */
  private static boolean write(Reply reply, Request request, OutputStream out) throws IOException {
    if (reply.fault() == Fault.CLOSE_BEFORE_HEAD) return false;
    if (reply.fault() == Fault.NEVER_ANSWER) {
      sleep(60_000);
      return false;
    }
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(reply.status())
            .append(' ')
            .append(reason(reply.status()))
            .append("\r\n");
    boolean framed = false;
    for (String[] h : reply.headers()) {
      head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      framed |=
          h[0].equalsIgnoreCase("Content-Length") || h[0].equalsIgnoreCase("Transfer-Encoding");
    }
    boolean bodiless =
        request.method().equals("HEAD") || reply.status() == 304 || reply.status() == 204;
    if (!framed && !bodiless)
      head.append("Content-Length: ").append(reply.body().length).append("\r\n");
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    if (bodiless) return reply.fault() == Fault.NONE;
    byte[] body = reply.body();
    if (reply.midBody() != null) { // the first half now, the rest once the test says so
      out.write(body, 0, body.length / 2);
      out.flush();
      await(reply.midBody());
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      return reply.fault() == Fault.NONE;
    }
    if (reply.fault() == Fault.CUT_BODY) {
      out.write(body, 0, body.length / 2);
      out.flush();
      sleep(100); // the first half reaches the client before the close does
      return false;
    }
    out.write(body);
    out.flush();
    return reply.fault() == Fault.NONE;
  }

  private static Request read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) { // CR LF CR LF ends the head
      int b = in.read();
      if (b < 0) return null;
      head.write(b);
      last4 = last4 << 8 | b;
      if (head.size() > MAX_HEAD) throw new IOException("request head too large");
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] start = lines[0].split(" ");
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0)
        headers.add(
            new String[] {
              lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()
            });
    }
    Request request = new Request(start[0], start[1], Collections.unmodifiableList(headers));
    String length = request.header("Content-Length");
    if (length != null) in.readNBytes(Integer.parseInt(length));
    return request;
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 206 -> "Partial Content";
      case 304 -> "Not Modified";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing: nothing to do
    }
  }

  /** One request as received: method, target ({@code /path?query}) and header lines. */
  public record Request(String method, String target, List<String[]> headers) {
    /** The first value of {@code name} (any case), or null. */
    public String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) return h[1];
      }
      return null;
    }

    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }
  }

  /** How a reply misbehaves. */
  public enum Fault {
    NONE,
    /** The connection closes after the reply (no keep-alive). */
    CLOSE_AFTER,
    /** The connection closes without a byte of reply. */
    CLOSE_BEFORE_HEAD,
    /** The head and half the body, then the connection closes: a reset mid-body. */
    CUT_BODY,
    /** Nothing is sent for a minute: a hung origin. */
    NEVER_ANSWER
  }

  /**
   * What the origin answers. {@code Content-Length} is added from the body unless the headers frame
   * the body themselves (a test that wants a lying length writes its own). With {@code midBody},
   * the first half of the body is sent, then the rest only once that latch is released.
   */
  public record Reply(
      int status, List<String[]> headers, byte[] body, Fault fault, CountDownLatch midBody) {
    public Reply(int status, List<String[]> headers, byte[] body, Fault fault) {
      this(status, headers, body, fault, null);
    }

    public static Reply of(int status, String body, String... headers) {
      return new Reply(status, pairs(headers), body.getBytes(StandardCharsets.UTF_8), Fault.NONE);
    }

    public static Reply ok(String body, String... headers) {
      return of(200, body, headers);
    }

    public static Reply ok(byte[] body, String... headers) {
      return new Reply(200, pairs(headers), body, Fault.NONE);
    }

    public Reply with(Fault f) {
      return new Reply(status, headers, body, f, midBody);
    }

    /** This reply, its body's second half held back until {@code latch} is released. */
    public Reply pausedMidBody(CountDownLatch latch) {
      return new Reply(status, headers, body, fault, latch);
    }

    /** {@code "Name", "value", "Name2", "value2"...} as header lines. */
    private static List<String[]> pairs(String... nameValues) {
      if (nameValues.length % 2 != 0)
        throw new IllegalArgumentException("headers come in name, value pairs");
      List<String[]> lines = new ArrayList<>();
      for (int i = 0; i < nameValues.length; i += 2)
        lines.add(new String[] {nameValues[i], nameValues[i + 1]});
      return lines;
    }
  }
}
