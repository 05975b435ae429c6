package dev.canary4j.runner;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The runner's own daemon threads for scheduled ticks, whose remote calls run on the ticking thread
 * under the {@link CallWatchdog}. The scheduler only queues a due tick; a draining thread runs the
 * queued ticks one after another, looking for more every millisecond while ticks keep coming, so
 * that a busy runner wakes a thread about a thousand times a second rather than once per tick, and
 * leaving after a few empty looks.
 *
 * <p>More threads drain when they are needed: when a tick waited in the queue longer than
 * {@link #BACKLOG_NANOS} (slow adapters), and when the watchdog abandons a call of a draining thread
 * (a call that may ignore the interrupt and hold its thread): that thread stops draining after its
 * tick, and another takes over at once, so a hanging call holds up only its own canary. Thread-safe.
 */
final class TickThreads implements AutoCloseable {

  /**
   * How often a drained queue is looked at again before the last draining thread leaves: a busy
   * runner keeps one thread draining, an idle one keeps none (the next tick starts one).
   */
  static final int LINGER_POLLS = 3;
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** A tick that waited longer than this in the queue starts another draining thread. */
  static final long BACKLOG_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  /** The most threads draining at once; more only replace threads held by abandoned calls. */
  static final int MAX_DRAINING = 16;

  private record Due(Runnable tick, long queuedAt) {}

  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "canary4j-tick");
    t.setDaemon(true);
    return t;
  });
  private final Queue<Due> due = new ConcurrentLinkedQueue<>();
  /** Threads draining the queue, not counting those whose call was abandoned. */
  private final AtomicInteger draining = new AtomicInteger();
  private volatile boolean closed;

  /** Queues {@code tick} to run on one of the runner's threads. */
  void submit(Runnable tick) {
    due.add(new Due(tick, System.nanoTime()));
    if (draining.get() == 0) {
      startDraining();
    }
  }

  private void startDraining() {
    int now;
    do {
      now = draining.get();
      if (now >= MAX_DRAINING || closed) {
        return;
      }
    } while (!draining.compareAndSet(now, now + 1));
    try {
      threads.execute(this::drain);
    } catch (RejectedExecutionException e) {
      draining.decrementAndGet(); // closed
    }
  }

  private void drain() {
    AtomicBoolean counted = new AtomicBoolean(true);
    // A call the watchdog abandons may never return: this thread then stops counting as draining,
    // and another drains in its place.
    CallWatchdog.SHARED.onAbandon(() -> {
      if (counted.compareAndSet(true, false)) {
        draining.decrementAndGet();
        startDraining();
      }
    });
    try {
      int idle = 0;
      while (!closed) {
        Due next = due.poll();
        if (next == null) {
          if (draining.get() > 1 || ++idle > LINGER_POLLS) {
            return;
          }
          LockSupport.parkNanos(this, POLL_NANOS);
          continue;
        }
        idle = 0;
        if (System.nanoTime() - next.queuedAt() > BACKLOG_NANOS && !due.isEmpty()) {
          startDraining();
        }
        try {
          next.tick().run();
        } catch (RuntimeException e) {
          // A tick reports its own failures; one that escapes must not stop the others.
        }
        if (!counted.get()) {
          return; // replaced while its call hung
        }
      }
    } finally {
      CallWatchdog.SHARED.onAbandon(null);
      if (counted.compareAndSet(true, false)) {
        draining.decrementAndGet();
      }
      if (!due.isEmpty() && !closed) {
        startDraining(); // a tick queued while this thread was leaving
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    threads.shutdownNow();
  }
}
