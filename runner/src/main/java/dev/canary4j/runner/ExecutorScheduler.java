package dev.canary4j.runner;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} backed by a {@link ScheduledExecutorService} that the caller owns and shuts down. */
public final class ExecutorScheduler implements Scheduler {

  private final ScheduledExecutorService executor;

  /**
   * A scheduler running tasks on {@code executor}, which the caller owns and shuts down.
   *
   * @param executor the executor to schedule on; not {@code null}
   */
  public ExecutorScheduler(ScheduledExecutorService executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
