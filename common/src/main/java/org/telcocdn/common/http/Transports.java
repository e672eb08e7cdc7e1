package org.telcocdn.common.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.telcocdn.common.service.BackgroundNice;

/** The native epoll transport where its library loads (Linux x86_64), NIO elsewhere. */
public final class Transports {
  /**
   * Accept every pending connection, up to 64, in one event-loop turn. Netty 4.2's epoll server
   * channel otherwise accepts one per turn: its default allocator reads one message, and an accept
   * never reports that more may be waiting. Under load a turn takes tens of milliseconds, so a
   * burst of new connections waited seconds in the kernel's accept queue with their first requests:
   * 128 connections opened at once took 2.9 s to be accepted, which alone made wrk's p99 1.2 s at 1
   * MiB (bench/netty-epoll-tail). The loop still stops early when the queue is empty.
   */
  private static final RecvByteBufAllocator ACCEPT_IN_BATCHES =
      new ServerChannelRecvByteBufAllocator().respectMaybeMoreData(false).maxMessagesPerRead(64);

  private Transports() {}

  /** A server bootstrap on {@code group} and this transport, accepting connections in batches. */
  public static ServerBootstrap serverBootstrap(EventLoopGroup group) {
    return new ServerBootstrap()
        .group(group)
        .channel(serverChannel())
        .option(ChannelOption.RECVBUF_ALLOCATOR, ACCEPT_IN_BATCHES);
  }

  /**
   * Binds {@code bootstrap} to {@code address}, or throws {@link UncheckedIOException} naming
   * {@code server} and the address (the port taken, say). Not {@code bind().sync()}: that rethrows
   * a {@code BindException} unchecked, past a caller's {@code catch (RuntimeException e)} clean-up.
   */
  public static Channel bind(ServerBootstrap bootstrap, InetSocketAddress address, String server) {
    ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
    if (bound.isSuccess()) return bound.channel();
    String why = "cannot bind " + server + " to " + address + ": " + bound.cause().getMessage();
    if (bound.cause() instanceof IOException e) throw new UncheckedIOException(why, e);
    throw new IllegalStateException(why, bound.cause());
  }

  public static boolean nativeEpoll() {
    return Epoll.isAvailable();
  }

  public static EventLoopGroup group(String name, int threads) {
    IoHandlerFactory factory =
        nativeEpoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new ServingThreadFactory(name), factory);
  }

  /**
   * Event loop threads that mark themselves as serving, so {@link BackgroundNice} leaves them
   * alone.
   */
  private static final class ServingThreadFactory extends DefaultThreadFactory {
    ServingThreadFactory(String name) {
      super(name, true);
    }

    @Override
    protected Thread newThread(Runnable task, String name) {
      return super.newThread(
          () -> {
            BackgroundNice.markServing();
            try {
              task.run();
            } finally {
              BackgroundNice.unmarkServing(); // its id may be given to another thread later
            }
          },
          name);
    }
  }

  public static Class<? extends ServerChannel> serverChannel() {
    return nativeEpoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /**
   * The client socket channel of the same transport, e.g. for a gRPC channel on these event loops.
   */
  public static Class<? extends Channel> socketChannel() {
    return nativeEpoll() ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
