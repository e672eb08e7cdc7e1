package org.telcocdn.cache;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.telcocdn.cache.serving.EdgeHandler;
import org.telcocdn.cache.serving.EdgeRoutes;
import org.telcocdn.cache.serving.RegionChunks;
import org.telcocdn.cache.serving.RequestBodyLimit;
import org.telcocdn.common.http.Listener;
import org.telcocdn.common.http.ListenerLimits;
import org.telcocdn.common.http.Transports;
import org.telcocdn.common.security.ServiceSecurity;

/**
 * The edge's two listeners, each a Netty server whose connections get their pipeline here, in the
 * order the bytes meet it: TLS, the HTTP codec (unless over the connection cap), the request size
 * limit, what observes viewers (the access log, the demand tap), then the edge's handler.
 */
final class EdgeListeners {
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  private EdgeListeners() {}

  /**
   * The viewer listener: {@code tls} null for plain HTTP; {@code accessLog}, {@code tap} and {@code
   * prefetch} null when the edge keeps no access log, makes no predictions or follows no CMCD
   * {@code nor} hints.
   */
  static Channel viewer(
      EventLoopGroup group,
      EdgeConfig config,
      SslContext tls,
      ListenerLimits limits,
      Supplier<ChannelHandler> accessLog,
      Supplier<ChannelHandler> tap,
      Supplier<ChannelHandler> prefetch,
      EdgeRoutes routes) {
    ServerBootstrap bootstrap =
        Transports.serverBootstrap(group)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                      RegionChunks.addAfterTls(ch.pipeline()); // no sendfile through TLS
                    }
                    if (!limits.addHttpCodec(ch)) return; // over the connection cap: closed
                    ch.pipeline().addLast(new RequestBodyLimit(MAX_REQUEST_BYTES));
                    if (accessLog != null) ch.pipeline().addLast(accessLog.get());
                    if (tap != null) ch.pipeline().addLast(tap.get());
                    if (prefetch != null) ch.pipeline().addLast(prefetch.get());
                    ch.pipeline().addLast(new EdgeHandler(routes, Listener.VIEWER));
                  }
                });
    return Transports.bind(
        bootstrap, new InetSocketAddress(config.host(), config.port()), "edge " + config.name());
  }

  /**
   * The control listener: TLS first (a client certificate asked for), then the same HTTP pipeline
   * without the access log, which records what viewers were served.
   */
  static Channel control(
      EventLoopGroup group,
      EdgeConfig config,
      ServiceSecurity security,
      ListenerLimits limits,
      EdgeRoutes routes) {
    ServerBootstrap bootstrap =
        Transports.serverBootstrap(group)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(security.serverContext().newHandler(ch.alloc()));
                    RegionChunks.addAfterTls(ch.pipeline()); // peer fills: no sendfile through TLS
                    if (!limits.addHttpCodec(ch)) return; // over the connection cap: closed
                    ch.pipeline()
                        .addLast(
                            new RequestBodyLimit(MAX_REQUEST_BYTES),
                            new EdgeHandler(routes, Listener.CONTROL));
                  }
                });
    return Transports.bind(
        bootstrap,
        new InetSocketAddress(config.controlHost(), config.controlPort()),
        "edge " + config.name() + " control");
  }
}
