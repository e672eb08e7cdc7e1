package org.telcocdn.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} whose time moves only when the test says so. Nothing runs on
 * its own: {@link #advance} moves the time forward and runs, on the calling thread and in time
 * order, every task that falls due on the way, periodic ones as often as their period fits. So a
 * class that takes its scheduler (and {@link #nanoTime} as its clock) is tested without sleeping
 * and without threads: "after 1 s the pass has run once more" is one call, and it holds on a loaded
 * machine.
 *
 * <p>As {@code ScheduledThreadPoolExecutor} by default: {@link #shutdown} drops periodic tasks and
 * keeps delayed one-shot ones; {@link #shutdownNow} drops everything. Time starts at 0 ns.
 */
public final class ManualScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private long now;
  private long sequence;
  private boolean shutdown;

  /** This scheduler's time in nanoseconds, for the class under test to read as its clock. */
  public synchronized long nanoTime() {
    return now;
  }

  /** Runs the tasks already due, without moving the time (a task scheduled with no delay, say). */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Moves the time forward by {@code step}, running every task due by then in time order. */
  public void advance(Duration step) {
    if (step.isNegative())
      throw new IllegalArgumentException("time only moves forward, was " + step);
    long target;
    synchronized (this) {
      target = now + step.toNanos();
    }
    for (Task<?> task = nextDue(target); task != null; task = nextDue(target)) {
      task.run();
    }
    synchronized (this) {
      now = target;
    }
  }

  /** How many tasks wait for their time (cancelled ones included until their time comes). */
  public synchronized int queued() {
    return queue.size();
  }

  private synchronized Task<?> nextDue(long target) {
    Task<?> next = queue.peek();
    if (next == null || next.due > target) return null;
    now = Math.max(now, next.due);
    return queue.poll();
  }

  private synchronized <V> Task<V> enqueue(Task<V> task) {
    if (shutdown) throw new RejectedExecutionException("scheduler is shut down");
    task.order = sequence++;
    queue.add(task);
    return task;
  }

  private synchronized void requeue(Task<?> task) {
    if (!shutdown) queue.add(task);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(new Task<>(Executors.callable(command, null), delayNanos(delay, unit), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return enqueue(new Task<>(callable, delayNanos(delay, unit), 0));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    if (period <= 0) throw new IllegalArgumentException("period must be positive, was " + period);
    return enqueue(
        new Task<>(
            Executors.callable(command, null),
            delayNanos(initialDelay, unit),
            unit.toNanos(period)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    if (delay <= 0) throw new IllegalArgumentException("delay must be positive, was " + delay);
    return enqueue(
        new Task<>(
            Executors.callable(command, null),
            delayNanos(initialDelay, unit),
            -unit.toNanos(delay)));
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
    queue.removeIf(Task::isPeriodic);
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> pending = new ArrayList<>(queue);
    queue.clear();
    return pending;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  /** Never waits: no task runs except inside {@link #advance}, so there is nothing to wait for. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  private synchronized long delayNanos(long delay, TimeUnit unit) {
    return now + Math.max(0, unit.toNanos(delay));
  }

  /**
   * A task and its due time; {@code period} is positive for a fixed rate, negative for a fixed
   * delay (as in {@code ScheduledThreadPoolExecutor}), 0 for one run.
   */
  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private final long period;
    private long order; // ties on the due time run in the order they were scheduled
    private long due;

    Task(Callable<V> callable, long due, long period) {
      super(callable);
      this.due = due;
      this.period = period;
    }

    boolean isPeriodic() {
      return period != 0;
    }

    @Override
    public void run() {
      if (!isPeriodic()) {
        super.run();
      } else if (runAndReset()) {
        due = period > 0 ? due + period : nanoTime() - period;
        requeue(this);
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Task<?> that = (Task<?>) other;
      int byTime = Long.compare(due, that.due);
      return byTime != 0 ? byTime : Long.compare(order, that.order);
    }
  }
}
