package org.telcocdn.cache.serving;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.EOFException;
import java.io.IOException;
import org.telcocdn.cache.storage.FileBackedRegion;

/**
 * Sendfile cannot go through TLS: the kernel would send the file's bytes past the TLS engine, and
 * Netty's {@code SslHandler} takes only buffers. On a TLS listener the edge's disk hits (and every
 * other {@link FileRegion} it writes) are turned here into reads of {@link #CHUNK_BYTES} at a time,
 * each read only when the connection can take more ({@link ChunkedWriteHandler}), so a slow viewer
 * holds one chunk, not the object, and a range is read from its first byte, not the file's. The
 * reads are positional ({@code FileChannel.read(dst, position)}) into heap buffers, which the JDK's
 * TLS engine encrypts from. Plaintext listeners never have this handler and keep sendfile.
 *
 * <p>In the pipeline between the TLS handler and the HTTP codec: the codec passes a body region
 * through as it is, this handler wraps it, the chunked writer reads it, TLS encrypts the buffers.
 */
public final class RegionChunks extends ChannelOutboundHandlerAdapter {
  /**
   * 64 KiB: four TLS records of 16 KiB per read from the page cache, so a 2 MB segment takes 32
   * reads and trips through the pipeline; one chunk in flight per slow connection.
   */
  static final int CHUNK_BYTES = 64 * 1024;

  /** Adds the chunked writer and this handler at the tail of {@code pipeline}: right after TLS. */
  public static void addAfterTls(ChannelPipeline pipeline) {
    pipeline.addLast(new ChunkedWriteHandler(), new RegionChunks());
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof FileBackedRegion region) {
      ctx.write(new Chunks(region), promise);
    } else if (msg instanceof FileRegion other) {
      other.release();
      promise.setFailure(
          new IllegalStateException("a FileRegion the edge cannot read back on TLS: " + other));
    } else {
      ctx.write(msg, promise);
    }
  }

  /** One region read chunk by chunk; closing it releases the region (and the file it holds). */
  static final class Chunks implements ChunkedInput<ByteBuf> {
    private final FileBackedRegion region;
    private long sent;
    private boolean closed;

    Chunks(FileBackedRegion region) {
      this.region = region;
    }

    @Override
    public boolean isEndOfInput() {
      return sent >= region.count();
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
      if (isEndOfInput()) return null;
      int length = (int) Math.min(CHUNK_BYTES, region.count() - sent);
      ByteBuf chunk = allocator.heapBuffer(length);
      try {
        long at = region.position() + sent;
        while (chunk.readableBytes() < length) {
          // positional reads: the file handle is shared, its own position is never moved
          int read =
              chunk.writeBytes(
                  region.file(), at + chunk.readableBytes(), length - chunk.readableBytes());
          if (read < 0) throw new EOFException("the cached file ended inside its body");
        }
        sent += length;
        return chunk;
      } catch (IOException | RuntimeException e) {
        chunk.release();
        throw e;
      }
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
      return readChunk(ctx.alloc());
    }

    @Override
    public long length() {
      return region.count();
    }

    @Override
    public long progress() {
      return sent;
    }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      region.release();
    }
  }
}
