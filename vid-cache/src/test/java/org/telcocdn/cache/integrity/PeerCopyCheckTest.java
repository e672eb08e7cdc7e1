package org.telcocdn.cache.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.protocol.origin.ManifestEntry;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.TitleManifest;
import org.telcocdn.testkit.Await;

/** What a peer's copy must be to be taken, against an origin manifest held in memory. */
class PeerCopyCheckTest {
  private static final byte[] SEGMENT = "the origin's bytes of segment one".getBytes();
  private static final byte[] BIG = new byte[4_000];
  private static final CacheKey KEY = new CacheKey("t1", "v/seg_00001.m4s");

  private final AtomicInteger manifestCalls = new AtomicInteger();
  private volatile boolean originDown;
  private final IntegrityMetrics metrics = new IntegrityMetrics(new SimpleMeterRegistry());
  private final PeerCopyCheck check =
      new PeerCopyCheck(
          new TitleManifests(this::manifest, 1_000),
          new IntegrityConfig(1_000, 80, 1_000),
          metrics);

  private CompletableFuture<TitleManifest> manifest(String videoId) {
    manifestCalls.incrementAndGet();
    if (originDown) return CompletableFuture.failedFuture(Status.UNAVAILABLE.asRuntimeException());
    if (!videoId.equals("t1"))
      return CompletableFuture.failedFuture(Status.NOT_FOUND.asRuntimeException());
    return CompletableFuture.completedFuture(
        TitleManifest.newBuilder()
            .addObjects(entry("v/seg_00001.m4s", SEGMENT))
            .addObjects(entry("v/big.m4s", BIG))
            .build());
  }

  private static ManifestEntry entry(String path, byte[] bytes) {
    return ManifestEntry.newBuilder()
        .setPath(path)
        .setInfo(
            ObjectInfo.newBuilder()
                .setSize(bytes.length)
                .setEtag("\"e\"")
                .setSha256(ByteString.copyFrom(sha256(bytes))))
        .build();
  }

  @Test
  void theOriginsBytes_areVerified_andTheBudgetComesBack() {
    try (PeerCopyCheck.Ticket ticket = check.admit(KEY, SEGMENT.length, "e2")) {
      assertThat(ticket.admitted()).isTrue();
      assertThat(check.buffered()).isEqualTo(SEGMENT.length);
      System.arraycopy(SEGMENT, 0, ticket.buffer(), 0, SEGMENT.length);
      assertThat(ticket.verify()).isEqualTo(IntegrityOutcome.VERIFIED);
      assertThat(ticket.expected().getEtag()).isEqualTo("\"e\"");
    }
    assertThat(check.buffered()).isZero();
    assertThat(metrics.checks(IntegrityOutcome.VERIFIED)).isEqualTo(1);
  }

  @Test
  void oneFlippedBit_isAMismatch() {
    try (PeerCopyCheck.Ticket ticket = check.admit(KEY, SEGMENT.length, "e2")) {
      System.arraycopy(SEGMENT, 0, ticket.buffer(), 0, SEGMENT.length);
      ticket.buffer()[3] ^= 1;
      assertThat(ticket.verify()).isEqualTo(IntegrityOutcome.MISMATCH);
    }
    assertThat(metrics.checks(IntegrityOutcome.MISMATCH)).isEqualTo(1);
  }

  @Test
  void copiesThatCannotBeTheOrigins_orCannotBeChecked_areRefusedBeforeAByteIsRead() {
    assertThat(check.admit(KEY, SEGMENT.length + 1, "e2").refusal())
        .isEqualTo(IntegrityOutcome.SIZE_MISMATCH);
    assertThat(check.admit(KEY, -1, "e2").refusal()).isEqualTo(IntegrityOutcome.SIZE_MISMATCH);
    assertThat(check.admit(new CacheKey("t1", "v/unknown.m4s"), 10, "e2").refusal())
        .isEqualTo(IntegrityOutcome.UNVERIFIABLE);
    assertThat(check.admit(new CacheKey("t2", "v/seg_00001.m4s"), 10, "e2").refusal())
        .isEqualTo(IntegrityOutcome.UNVERIFIABLE);
    assertThat(check.admit(new CacheKey("t1", "v/big.m4s"), BIG.length, "e2").refusal())
        .isEqualTo(IntegrityOutcome.TOO_LARGE);
    assertThat(check.buffered()).isZero();
  }

  @Test
  void copiesPastTheBuffersBudget_areNotTaken() {
    try (PeerCopyCheck.Ticket first = check.admit(KEY, SEGMENT.length, "e2");
        PeerCopyCheck.Ticket second = check.admit(KEY, SEGMENT.length, "e3");
        PeerCopyCheck.Ticket third = check.admit(KEY, SEGMENT.length, "e4")) {
      assertThat(first.admitted()).isTrue();
      assertThat(second.admitted()).isTrue();
      assertThat(third.refusal()).isEqualTo(IntegrityOutcome.BUSY); // 3 x 33 bytes > 80
    }
    assertThat(check.buffered()).isZero();
  }

  @Test
  void theManifestIsAskedForOncePerTitle_andAgainAfterAFailureOrAForget() {
    originDown = true;
    assertThat(check.admit(KEY, SEGMENT.length, "e2").refusal())
        .isEqualTo(IntegrityOutcome.UNVERIFIABLE);
    originDown = false;
    // Caffeine drops the failed call in a callback of its own, which the next admit can beat (then
    // that admit sees the same failure without a new call): wait for the first admit that is
    // answered.
    Await.until(
        Duration.ofSeconds(10),
        "a manifest asked again after the failure",
        () -> {
          try (PeerCopyCheck.Ticket ticket = check.admit(KEY, SEGMENT.length, "e2")) {
            return ticket.admitted();
          }
        });
    check.admit(KEY, SEGMENT.length, "e2").close();
    assertThat(manifestCalls.get()).as("once after the failure, then kept").isEqualTo(2);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
