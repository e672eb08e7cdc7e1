package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.Await;

/** Servers built on {@link Transports#serverBootstrap} take a burst of connections in one turn. */
class TransportsTest {
  private static final int BURST = 20;

  @Test
  void aBurstOfPendingConnectionsIsAcceptedInOneEventLoopTurn() throws Exception {
    EventLoopGroup group = Transports.group("transports-test", 1);
    List<Integer> batches = new CopyOnWriteArrayList<>();
    List<Socket> clients = new ArrayList<>();
    try {
      Channel server =
          Transports.serverBootstrap(group)
              .handler(new BatchCounter(batches))
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {}
                  })
              .bind(new InetSocketAddress("127.0.0.1", 0))
              .sync()
              .channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();

      // Hold the event loop while the kernel completes every handshake, as a busy turn would.
      // The clients connect only once the loop runs the holding task: a loop that is slow to wake
      // handles the listener's readiness before its tasks and would accept them before it is held.
      CountDownLatch connected = new CountDownLatch(1);
      CountDownLatch held = new CountDownLatch(1);
      group
          .next()
          .execute(
              () -> {
                held.countDown();
                awaitQuietly(connected);
              });
      assertThat(held.await(10, TimeUnit.SECONDS)).as("event loop held").isTrue();
      for (int i = 0; i < BURST; i++) clients.add(new Socket("127.0.0.1", port));
      // A client's connect returns on the SYN-ACK; the server's accept queue gets the connection
      // when
      // the kernel has processed the last ACK, which on a loaded machine can come later.
      // The test checks that every connection pending at the release is taken in that one turn.
      int pending = awaitPending(port);
      assertThat(pending).as("connections pending while the loop is held").isGreaterThan(1);
      connected.countDown();

      Await.until(
          Duration.ofSeconds(10),
          BURST + " connections accepted",
          () -> accepted(batches) >= BURST);
      assertThat(accepted(batches)).isEqualTo(BURST);
      assertThat(batches.getFirst())
          .as("connections accepted in the first turn after the wait")
          .isGreaterThanOrEqualTo(pending);
      server.close().sync();
    } finally {
      for (Socket s : clients) s.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** The accept queue once it holds the whole burst, or after 5 s, whichever comes first. */
  private static int awaitPending(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (acceptQueue(port) < BURST && System.nanoTime() < deadline) Thread.sleep(10);
    return acceptQueue(port);
  }

  /**
   * The listening socket's accept queue as the kernel reports it (rx_queue of a LISTEN row in
   * /proc/net/tcp or tcp6).
   */
  private static int acceptQueue(int port) {
    String local = String.format(":%04X", port);
    List<String> rows = new ArrayList<>();
    try {
      // Netty's epoll sockets are IPv6 ones (the listener shows as ::ffff:127.0.0.1 in tcp6).
      rows.addAll(Files.readAllLines(Path.of("/proc/net/tcp")));
      rows.addAll(Files.readAllLines(Path.of("/proc/net/tcp6")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : rows) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 4 && f[1].endsWith(local) && f[3].equals("0A"))
        return Integer.parseInt(f[4].substring(f[4].indexOf(':') + 1), 16);
    }
    return 0;
  }

  private static int accepted(List<Integer> batches) {
    return batches.stream().mapToInt(Integer::intValue).sum();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts the connections each read of the listening socket accepted. */
  private static final class BatchCounter extends ChannelInboundHandlerAdapter {
    private final List<Integer> batches;
    private int accepted;

    BatchCounter(List<Integer> batches) {
      this.batches = batches;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object child) {
      accepted++;
      ctx.fireChannelRead(child);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (accepted > 0) batches.add(accepted);
      accepted = 0;
      ctx.fireChannelReadComplete();
    }
  }
}
