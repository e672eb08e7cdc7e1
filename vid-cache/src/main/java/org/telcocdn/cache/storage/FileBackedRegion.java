package org.telcocdn.cache.storage;

import io.netty.channel.FileRegion;
import java.nio.channels.FileChannel;

/**
 * A {@link FileRegion} whose file can also be read with positional reads: how a TLS connection,
 * which cannot take sendfile, reads the same bytes chunk by chunk ({@code serving.RegionChunks}).
 * The region's {@link #position()} is the first byte in {@link #file()}.
 */
public interface FileBackedRegion extends FileRegion {
  FileChannel file();
}
