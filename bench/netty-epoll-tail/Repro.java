import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.*;
import io.netty.channel.*;
import io.netty.channel.epoll.*;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.*;

/**
 * The smallest server that shows the edge's 1 MiB / 128-connection tail: plain Netty, one event
 * loop, every GET answered with the same 1 MiB direct buffer (as the edge's memory tier does). On
 * the epoll transport about 1 % of requests took over a second; on NIO they did not. The cause: the
 * epoll server channel accepts one connection per event-loop turn, so the 128 connections wrk opens
 * at once were accepted over about 3 s of busy turns, and their first requests waited. With
 * -DacceptMany=true the listening channel accepts up to -DacceptBatch (64) per turn, as the
 * project's servers now do (Transports.serverBootstrap), and the tail is gone. Other options:
 * -Dnio=true, -Dsize=BYTES, -Dslice=BYTES (write the body in slices), -Dspin=N (WRITE_SPIN_COUNT),
 * -Dsndbuf=BYTES, -Dlowat=BYTES (TCP_NOTSENT_LOWAT, epoll only), -Dport=N. Run by run.sh.
 */
public class Repro {
  public static void main(String[] a) throws Exception {
    boolean nio = Boolean.getBoolean("nio");
    int size = Integer.getInteger("size", 1 << 20);
    int slice = Integer.getInteger("slice", 0);
    ByteBuf body = Unpooled.directBuffer(size).writeZero(size);
    EventLoopGroup g = new MultiThreadIoEventLoopGroup(1, nio ? NioIoHandler.newFactory() : EpollIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap();
    long lowat = Long.getLong("lowat", 0);
    if (!nio && lowat > 0) bootstrap.childOption(EpollChannelOption.TCP_NOTSENT_LOWAT, lowat);
    if (Boolean.getBoolean("acceptMany")) {
      bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new ServerChannelRecvByteBufAllocator().respectMaybeMoreData(false).maxMessagesPerRead(Integer.getInteger("acceptBatch", 64)));
    }
    bootstrap.group(g).channel(nio ? NioServerSocketChannel.class : EpollServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_SPIN_COUNT, Integer.getInteger("spin", 16))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          protected void initChannel(SocketChannel ch) {
            if (Integer.getInteger("sndbuf", 0) > 0) ch.config().setSendBufferSize(Integer.getInteger("sndbuf", 0));
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), new SimpleChannelInboundHandler<FullHttpRequest>() {
              protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_LENGTH, size);
                ctx.write(head, ctx.voidPromise());
                if (slice > 0) {
                  for (int off = 0; off < size; off += slice) {
                    ByteBuf part = body.retainedSlice(off, Math.min(slice, size - off));
                    if (off + slice >= size) ctx.writeAndFlush(new DefaultLastHttpContent(part));
                    else ctx.write(new DefaultHttpContent(part), ctx.voidPromise());
                  }
                } else {
                  ctx.writeAndFlush(new DefaultLastHttpContent(body.retainedDuplicate()));
                }
              }
            });
          }
        }).bind("127.0.0.1", Integer.getInteger("port", 18777)).sync();
    System.out.println("READY");
    Thread.sleep(Long.MAX_VALUE);
  }
}
