package org.telcocdn.cache.integrity;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.telcocdn.protocol.origin.ManifestEntry;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.TitleManifest;

/**
 * What the origin says each object of a title is (size, type, validators, SHA-256), from its {@code
 * Manifest} call: one call per title, kept (bounded by objects, least recently used titles first)
 * so that checking a peer's copy costs no origin round trip after the first. This is where the
 * expected digest of a peer's copy comes from, never from the peer. A title's manifest is forgotten
 * when a newer version of it is learned (the origin's content may have changed with it). A failed
 * call is not kept; neither is "no such title", so a title published later is found.
 */
public final class TitleManifests {
  private final AsyncLoadingCache<String, Manifest> cache;

  /** The objects of one title as the origin has them, by path. */
  public record Manifest(Map<String, ObjectInfo> objects) {
    public Manifest {
      objects = Map.copyOf(objects);
    }

    public Optional<ObjectInfo> object(String path) {
      return Optional.ofNullable(objects.get(path));
    }

    static Manifest of(TitleManifest answer) {
      Map<String, ObjectInfo> objects = new HashMap<>();
      for (ManifestEntry entry : answer.getObjectsList())
        objects.put(entry.getPath(), entry.getInfo());
      return new Manifest(objects);
    }
  }

  /**
   * @param origin the origin's {@code Manifest} call for one title
   */
  public TitleManifests(
      Function<String, CompletableFuture<TitleManifest>> origin, long maxObjects) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxObjects)
            .weigher((String videoId, Manifest m) -> Math.max(1, m.objects().size()))
            // Turned into a map on Caffeine's executor, not on the event loop the answer arrives
            // on.
            .buildAsync(
                (videoId, executor) ->
                    origin
                        .apply(videoId)
                        .handleAsync(
                            (answer, error) -> {
                              if (error == null) return Manifest.of(answer);
                              if (notFound(error))
                                return null; // not kept: Caffeine drops a null value
                              throw error instanceof CompletionException c
                                  ? c
                                  : new CompletionException(error);
                            },
                            executor));
  }

  /**
   * The title's manifest; empty when the origin has no such title; failed when the origin cannot be
   * asked.
   */
  public CompletableFuture<Optional<Manifest>> of(String videoId) {
    return cache.get(videoId).thenApply(Optional::ofNullable);
  }

  /** A newer version of the title was learned: its manifest is asked for again next time. */
  public void forget(String videoId) {
    cache.synchronous().invalidate(videoId);
  }

  private static boolean notFound(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof StatusRuntimeException e
        && e.getStatus().getCode() == Status.Code.NOT_FOUND;
  }
}
