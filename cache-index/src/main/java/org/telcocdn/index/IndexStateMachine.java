package org.telcocdn.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.telcocdn.index.IndexQuery.HoldersOf;
import org.telcocdn.index.IndexQuery.SiteView;
import org.telcocdn.index.IndexQuery.Summary;

/**
 * The Ratis state machine of the cache index: applies committed {@link IndexCommand}s to an {@link
 * IndexState}, answers {@link IndexQuery}s, and keeps snapshots in Ratis' simple storage (one file
 * per snapshot, named by term and index, with an MD5 beside it) so that Ratis can purge the log
 * behind them and ship them to a member that has fallen behind the purge.
 *
 * <p>Applies run on Ratis' single apply thread; queries on RPC threads. A read-write lock keeps a
 * query from seeing half a batch. A snapshot is serialised to memory under the read lock, then
 * written to a temporary file and renamed, so a crash mid-write leaves the previous snapshot
 * intact.
 */
final class IndexStateMachine extends BaseStateMachine {
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private IndexState state = new IndexState();

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle().startAndTransition(() -> load(storage.getLatestSnapshot()), IOException.class);
  }

  /**
   * Ratis pauses the machine before it installs a snapshot sent by the leader, and checks it did.
   */
  @Override
  public void pause() {
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  /** Called after a snapshot was installed from the leader: the files changed under us. */
  @Override
  public void reinitialize() throws IOException {
    getLifeCycle().startAndTransition(() -> load(storage.loadLatestSnapshot()), IOException.class);
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    IndexCommand command =
        CommandCodec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
    long[] results;
    lock.writeLock().lock();
    try {
      results = state.apply(command);
      updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    } finally {
      lock.writeLock().unlock();
    }
    return CompletableFuture.completedFuture(
        Message.valueOf(ByteString.copyFrom(CommandCodec.encodeResults(results))));
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    IndexQuery query = IndexQuery.decode(request.getContent().toByteArray());
    lock.readLock().lock();
    try {
      long applied = getLastAppliedTermIndex().getIndex();
      byte[] answer =
          switch (query) {
            case HoldersOf q -> IndexQuery.encodeHolding(state.holding(q.videoId(), applied));
            case Summary q -> IndexQuery.encodeSummary(state.summary(applied));
            case SiteView q ->
                IndexQuery.encodeHoldings(state.siteView(q.edges(), q.videoIds(), applied));
          };
      return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(answer)));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long takeSnapshot() throws IOException {
    byte[] image;
    TermIndex last;
    lock.readLock().lock();
    try {
      last = getLastAppliedTermIndex();
      image = serialise(state);
    } finally {
      lock.readLock().unlock();
    }
    if (last == null || last.getIndex() < 0) return RaftLog.INVALID_LOG_INDEX;
    File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
    Path temporary = file.toPath().resolveSibling(file.getName() + ".tmp");
    Files.write(temporary, image);
    Files.move(
        temporary,
        file.toPath(),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    storage.updateLatestSnapshot(
        new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
    LOG.info("{}: snapshot at {} ({} bytes)", getId(), last, image.length);
    return last.getIndex();
  }

  private void load(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) return;
    File file = snapshot.getFile().getPath().toFile();
    if (!file.exists()) return;
    MD5Hash md5 = snapshot.getFile().getFileDigest();
    if (md5 != null) MD5FileUtil.verifySavedMD5(file, md5);
    TermIndex last = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file);
    IndexState loaded;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file.toPath())))) {
      loaded = IndexState.readFrom(in);
    }
    lock.writeLock().lock();
    try {
      state = loaded;
      setLastAppliedTermIndex(last);
    } finally {
      lock.writeLock().unlock();
    }
    LOG.info("{}: loaded snapshot {}", getId(), last);
  }

  static byte[] serialise(IndexState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes))) {
      state.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The snapshot index the storage knows, or -1: for status pages. */
  long snapshotIndex() {
    var latest = storage.getLatestSnapshot();
    return latest == null ? -1 : latest.getIndex();
  }
}
