package org.telcocdn.protocol.origin.client;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * A unary call's observer completing a future: the answer, the error, or none at all (INTERNAL).
 */
final class SingleAnswer<T> implements StreamObserver<T> {
  private final CompletableFuture<T> answer;
  private final String what;

  SingleAnswer(CompletableFuture<T> answer, String what) {
    this.answer = answer;
    this.what = what;
  }

  @Override
  public void onNext(T value) {
    answer.complete(value);
  }

  @Override
  public void onError(Throwable t) {
    answer.completeExceptionally(t);
  }

  @Override
  public void onCompleted() {
    answer.completeExceptionally(
        Status.INTERNAL
            .withDescription("the origin ended the " + what + " call without an answer")
            .asException());
  }
}
