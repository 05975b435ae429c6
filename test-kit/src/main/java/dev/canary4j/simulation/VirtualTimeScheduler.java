package dev.canary4j.simulation;

import dev.canary4j.runner.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on a {@link SimulatedClock}: tasks run on the caller's thread when {@link
 * #advance} moves the clock past their time, in time order (ties in scheduling order). Thread-safe.
 */
public final class VirtualTimeScheduler implements Scheduler {

  private record Task(Instant due, long sequence, Runnable task) {}

  private final SimulatedClock clock;
  private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.due.equals(b.due)
      ? Long.compare(a.sequence, b.sequence) : a.due.compareTo(b.due));
  private long sequence;

  /**
   * A scheduler whose time is {@code clock}, moved only by {@link #advance}.
   *
   * @param clock the clock the scheduler reads and moves; not {@code null}
   */
  public VirtualTimeScheduler(SimulatedClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
    queue.add(t);
    return () -> {
      synchronized (this) {
        queue.remove(t);
      }
    };
  }

  /**
   * Moves the clock forward by {@code amount}, running every task that falls due on the way at its time.
   *
   * @param amount how far to move; zero or positive
   */
  public void advance(Duration amount) {
    Instant end = clock.instant().plus(amount);
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due.isAfter(end)) {
          break;
        }
        queue.poll();
      }
      clock.set(next.due.isBefore(clock.instant()) ? clock.instant() : next.due);
      next.task.run();
    }
    clock.set(end);
  }

  /** Runs the tasks due now without moving the clock. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /**
   * Number of tasks waiting.
   *
   * @return the number of scheduled tasks not yet run
   */
  public synchronized int pending() {
    return queue.size();
  }
}
