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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
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
import org.telcocdn.common.io.DurableFiles;
import org.telcocdn.index.IndexQuery.HoldersOf;
import org.telcocdn.index.IndexQuery.SiteView;
import org.telcocdn.index.IndexQuery.Summary;

/**
 * The Ratis state machine of the cache index: applies committed {@link IndexCommand}s to an {@link
 * IndexState}, answers {@link IndexQuery}s, and keeps snapshots in Ratis' simple storage (one file
 * per snapshot, named by term and index, with an MD5 beside it) so that Ratis can purge the log
 * behind them and ship them to a member that has fallen behind the purge.
 *
 * <p>Bad data never takes a member down. The leader decodes and checks every command in {@link
 * #startTransaction} ({@link CommandRules}) and refuses a bad one before it enters the log, so a
 * broken client gets an error and the log stays clean. An entry that is in a log anyway (written by
 * an older version, or damaged) is applied as an error result, on the first run and on every replay
 * alike: the applied index moves past it and the state is unchanged, the same on every member. A
 * malformed query fails that query alone.
 *
 * <p>Applies run on Ratis' single apply thread; queries on RPC threads. A read-write lock keeps a
 * query from seeing half a batch. A snapshot is serialised to memory under the read lock, then
 * written to a temporary file, synced and renamed ({@link DurableFiles#replace}), so a crash
 * mid-write leaves the previous snapshot intact and a snapshot Ratis was told of is on the device.
 */
final class IndexStateMachine extends BaseStateMachine {
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private IndexState state = new IndexState();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong rejectedEntries = new AtomicLong();

  /**
   * The index of the snapshot last taken or loaded, or -1: kept here because asking the storage
   * ({@code getLatestSnapshot}) before it knows of any snapshot lists the directory, and that
   * lookup throws a NullPointerException when the first snapshot is recorded meanwhile (Ratis
   * 3.3.0's {@code updateLatestSnapshot} with nothing found on disk yet; seen from {@code status()}
   * while a member took its first snapshot).
   */
  private final AtomicLong lastSnapshot = new AtomicLong(-1);

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

  /**
   * On the leader, before the entry is appended: a command that does not decode or breaks a rule is
   * refused.
   */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    TransactionContext trx = super.startTransaction(request);
    try {
      CommandCodec.decode(request.getMessage().getContent().toByteArray());
    } catch (InvalidCommandException e) {
      refused.incrementAndGet();
      LOG.warn(
          "{}: refused a command from client {} before the log: {}",
          getId(),
          request.getClientId(),
          e.getMessage());
      trx.setException(e);
    }
    return trx;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    IndexCommand command;
    try {
      command = CommandCodec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
    } catch (InvalidCommandException e) {
      return rejected(entry, e);
    }
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

  /**
   * An entry that is not a valid command: nothing changes but the applied index, and the reply says
   * why.
   */
  private CompletableFuture<Message> rejected(LogEntryProto entry, InvalidCommandException e) {
    rejectedEntries.incrementAndGet();
    LOG.error(
        "{}: log entry {} is not a valid command, applied as an error: {}",
        getId(),
        TermIndex.valueOf(entry),
        e.getMessage());
    lock.writeLock().lock();
    try {
      updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    } finally {
      lock.writeLock().unlock();
    }
    return CompletableFuture.completedFuture(
        Message.valueOf(ByteString.copyFrom(CommandCodec.encodeRejection(e.getMessage()))));
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    IndexQuery query;
    try {
      query = IndexQuery.decode(request.getContent().toByteArray());
    } catch (InvalidCommandException e) {
      return CompletableFuture.failedFuture(e);
    }
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
    // Synced before Ratis purges the log behind it: a snapshot lost in a power cut would lose the
    // entries too.
    DurableFiles.replace(file.toPath(), image);
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    storage.updateLatestSnapshot(
        new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
    lastSnapshot.set(last.getIndex());
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
    lastSnapshot.set(last.getIndex());
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

  /** Commands refused by {@link #startTransaction} on this member while it led. */
  long refusedCommands() {
    return refused.get();
  }

  /** Log entries applied as errors on this member since it started (replays count again). */
  long rejectedEntries() {
    return rejectedEntries.get();
  }

  /** The index of the snapshot last taken or loaded, or -1: for status pages. */
  long snapshotIndex() {
    return lastSnapshot.get();
  }
}
