package dev.canary4j.runner;

import java.time.Duration;

/**
 * Runs tasks after a delay. The runner schedules each canary's next tick here instead of holding a
 * thread per canary. Implementations are thread-safe.
 */
public interface Scheduler {

  /**
   * Runs {@code task} once after {@code delay}; the returned handle cancels it.
   *
   * @param delay how long to wait before running; zero or positive
   * @param task the work to run
   * @return a handle that cancels the task if it has not started
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; a running task finishes. */
    void cancel();
  }
}
