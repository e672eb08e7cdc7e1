package org.telcocdn.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Clients that misbehave on purpose, over raw sockets to a server on this machine: slowloris (a
 * request head that never ends), slow readers (responses asked for and never read), deep
 * pipelining. Each is bounded: it stops when the test closes it.
 */
public final class HostileClients implements AutoCloseable {
  private final List<Socket> sockets = new ArrayList<>();

  /** One response read off a raw connection. */
  public record RawResponse(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Opens {@code count} connections that each send the start of a request head and nothing more.
   */
  public void slowloris(int port, int count) {
    for (int i = 0; i < count; i++) {
      Socket socket = connect(port, 0);
      write(socket, "GET /videos/slow/" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    }
  }

  /**
   * Opens a connection with a receive buffer of a few KiB that asks for {@code path} {@code times}
   * times, pipelined, and reads nothing: the server's writes stall once the kernel buffers are
   * full.
   */
  public Socket slowReader(int port, String path, int times) {
    Socket socket = connect(port, 4096);
    write(socket, requests(path, times));
    return socket;
  }

  /**
   * {@link #slowReader} to a control listener: over TLS with {@code tls} (a client's trust and
   * certificate), each request with {@code authorization} (e.g. {@code Bearer ...}) so it is
   * answered in full. The handshake completes before the requests are written.
   */
  public Socket slowReader(SSLContext tls, int port, String path, int times, String authorization) {
    return overTls(tls, connect(port, 4096), path, times, authorization);
  }

  /** {@link #pipeline} to a control listener, over TLS, each request with {@code authorization}. */
  public Socket pipeline(SSLContext tls, int port, String path, int times, String authorization) {
    return overTls(tls, connect(port, 0), path, times, authorization);
  }

  private Socket overTls(
      SSLContext tls, Socket plain, String path, int times, String authorization) {
    try {
      SSLSocket socket =
          (SSLSocket)
              tls.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
      socket.startHandshake();
      synchronized (sockets) {
        sockets.add(socket);
      }
      write(
          socket,
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                  + authorization
                  + "\r\n\r\n")
              .repeat(times));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code times} requests for {@code path} in one write on a new connection and returns it.
   */
  public Socket pipeline(int port, String path, int times) {
    Socket socket = connect(port, 0);
    write(socket, requests(path, times));
    return socket;
  }

  /**
   * How many of the connections this client opened the server has closed (EOF or reset on a read).
   */
  public int closedByServer() {
    int closed = 0;
    for (Socket socket : sockets) {
      if (closedByServer(socket)) closed++;
    }
    return closed;
  }

  /**
   * Whether the server closed {@code socket}: a read finds EOF or a reset, after what it had sent.
   */
  public static boolean closedByServer(Socket socket) {
    try {
      socket.setSoTimeout(1);
      InputStream in = socket.getInputStream();
      byte[] drain = new byte[64 * 1024];
      while (true) {
        if (in.read(drain) < 0) return true;
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException | SSLException e) {
      return true; // reset, or a TLS connection dropped without its close_notify
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads responses off {@code socket} until it closes or {@code max} were read. */
  public static List<RawResponse> readResponses(Socket socket, int max) {
    List<RawResponse> responses = new ArrayList<>();
    try {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      while (responses.size() < max) {
        RawResponse response = readResponse(in);
        if (response == null) break;
        responses.add(response);
      }
    } catch (SocketException e) {
      // closed by the server: what was read is the answer
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return responses;
  }

  private static RawResponse readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) return null;
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') return out.toString(StandardCharsets.ISO_8859_1).stripTrailing();
      out.write(b);
    }
    return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String requests(String path, int times) {
    return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").repeat(times);
  }

  private Socket connect(int port, int receiveBuffer) {
    try {
      Socket socket = new Socket();
      if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      synchronized (sockets) {
        sockets.add(socket);
      }
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Socket socket, String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    synchronized (sockets) {
      for (Socket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a test's sockets: nothing to do about a failure
        }
      }
      sockets.clear();
    }
  }
}
