package org.telcocdn.cache.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * The check a copy offered by a site peer passes before any of its bytes reach a viewer or the disk
 * (docs/security.md, "Content integrity"). What the copy must be comes from the origin ({@link
 * TitleManifests}): its size, its SHA-256, and the type and validators it is served with; the peer
 * supplies bytes and nothing else that is believed. The copy is read whole into a buffer, hashed
 * and compared, and only a match is handed on; so a peer fill is not streamed through as it arrives
 * (an origin fill still is), and the time to the first byte of a peer fill becomes the time to read
 * and hash the whole object, which for a 2-second segment on a site's network is a few
 * milliseconds.
 *
 * <p>The buffers are bounded: an object over {@code edge.integrity.max-peer-object-bytes}, or one
 * that would take the copies being checked past {@code edge.integrity.peer-buffer-bytes}, is not
 * taken from a peer at all. Called on virtual threads only: {@link #admit} may wait for the origin.
 */
public final class PeerCopyCheck {
  private static final Logger log = LoggerFactory.getLogger(PeerCopyCheck.class);
  private static final long MANIFEST_WAIT_MILLIS = 5_000;
  private static final HexFormat HEX = HexFormat.of();

  private final TitleManifests manifests;
  private final IntegrityConfig config;
  private final IntegrityMetrics metrics;
  private final AtomicLong buffered = new AtomicLong();

  public PeerCopyCheck(TitleManifests manifests, IntegrityConfig config, IntegrityMetrics metrics) {
    this.manifests = manifests;
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * Before the peer's body is read: the origin's description of the object and a buffer of its
   * size, or the reason the copy is not taken ({@code declaredLength}: the peer's {@code
   * Content-Length}, -1 if it sent none). A refusal is counted and logged here.
   */
  public Ticket admit(CacheKey key, long declaredLength, String peer) {
    Optional<ObjectInfo> expected;
    try {
      expected =
          manifests
              .of(key.videoId())
              .get(MANIFEST_WAIT_MILLIS, TimeUnit.MILLISECONDS)
              .flatMap(m -> m.object(key.path()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refuse(
          key,
          peer,
          IntegrityOutcome.UNVERIFIABLE,
          "interrupted while asking the origin for its manifest");
    } catch (Exception e) {
      return refuse(
          key, peer, IntegrityOutcome.UNVERIFIABLE, "the origin's manifest cannot be had: " + e);
    }
    if (expected.isEmpty())
      return refuse(
          key, peer, IntegrityOutcome.UNVERIFIABLE, "the origin's manifest does not list it");
    ObjectInfo info = expected.get();
    if (info.getSha256().size() != 32)
      return refuse(key, peer, IntegrityOutcome.UNVERIFIABLE, "the origin sent no SHA-256 for it");
    if (declaredLength != info.getSize()) {
      return refuse(
          key,
          peer,
          IntegrityOutcome.SIZE_MISMATCH,
          "the peer sends " + declaredLength + " bytes, the origin has " + info.getSize());
    }
    if (info.getSize() > config.maxPeerObjectBytes()) {
      return refuse(
          key,
          peer,
          IntegrityOutcome.TOO_LARGE,
          info.getSize() + " bytes > edge.integrity.max-peer-object-bytes");
    }
    if (!reserve(info.getSize())) {
      return refuse(
          key,
          peer,
          IntegrityOutcome.BUSY,
          "edge.integrity.peer-buffer-bytes is taken by copies being checked");
    }
    return new Ticket(key, peer, info);
  }

  /** Bytes of peer copies held for checking right now. */
  public long buffered() {
    return buffered.get();
  }

  private boolean reserve(long size) {
    while (true) {
      long now = buffered.get();
      if (now + size > config.peerBufferBytes()) return false;
      if (buffered.compareAndSet(now, now + size)) return true;
    }
  }

  private Ticket refuse(CacheKey key, String peer, IntegrityOutcome outcome, String reason) {
    metrics.check(outcome);
    if (outcome.wrongBytes())
      log.warn(
          "copy of {} from peer {} refused ({}): {}; filled from the origin",
          key,
          peer,
          outcome,
          reason);
    else log.info("copy of {} from peer {} not taken ({}): {}", key, peer, outcome, reason);
    return new Ticket(outcome, reason);
  }

  /**
   * A copy being checked: the origin's description of it and the buffer its bytes are read into,
   * whose room in the budget {@link #close} gives back. A refused ticket has neither.
   */
  public final class Ticket implements AutoCloseable {
    private final CacheKey key;
    private final String peer;
    private final ObjectInfo expected;
    private final byte[] buffer;
    private final IntegrityOutcome refusal;
    private final String reason;
    private boolean closed;

    private Ticket(CacheKey key, String peer, ObjectInfo expected) {
      this.key = key;
      this.peer = peer;
      this.expected = expected;
      this.buffer = new byte[(int) expected.getSize()];
      this.refusal = null;
      this.reason = null;
    }

    private Ticket(IntegrityOutcome refusal, String reason) {
      this.key = null;
      this.peer = null;
      this.expected = null;
      this.buffer = null;
      this.refusal = refusal;
      this.reason = reason;
    }

    public boolean admitted() {
      return refusal == null;
    }

    /** Why the copy was not taken; null when admitted. */
    public IntegrityOutcome refusal() {
      return refusal;
    }

    public String reason() {
      return reason;
    }

    /** The origin's description of the object: what the copy is stored and served with. */
    public ObjectInfo expected() {
      return expected;
    }

    /** Exactly the object's size: fill it whole before {@link #verify}. */
    public byte[] buffer() {
      return buffer;
    }

    /**
     * Hashes the buffer and compares it with the origin's digest; counted, and logged unless it
     * matches.
     */
    public IntegrityOutcome verify() {
      byte[] actual = sha256(buffer);
      if (MessageDigest.isEqual(actual, expected.getSha256().toByteArray())) {
        metrics.check(IntegrityOutcome.VERIFIED);
        return IntegrityOutcome.VERIFIED;
      }
      metrics.check(IntegrityOutcome.MISMATCH);
      log.warn(
          "copy of {} from peer {} refused (MISMATCH): SHA-256 {} is not the origin's {}; filled from the origin",
          key,
          peer,
          HEX.formatHex(actual),
          HEX.formatHex(expected.getSha256().toByteArray()));
      return IntegrityOutcome.MISMATCH;
    }

    @Override
    public void close() {
      if (!closed && buffer != null) buffered.addAndGet(-buffer.length);
      closed = true;
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
