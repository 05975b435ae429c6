package dev.canary4j.runner;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The runner's own daemon threads for scheduled ticks, whose remote calls run on the ticking thread
 * under the {@link CallWatchdog}. The scheduler only queues a due tick; a draining thread runs the
 * queued ticks one after another, looking for more every millisecond while ticks keep coming, so
 * that a busy runner wakes a thread about a thousand times a second rather than once per tick, and
 * leaving after a few empty looks.
 *
 * <p>More threads drain when they are needed: up to one per processor when ticks wait in the queue
 * longer than {@link #BACKLOG_NANOS}; more when a tick is queued while every draining thread has
 * been in its tick longer than {@link #SLOW_TICK_NANOS} (slow adapters); and when the watchdog
 * abandons a call of a draining thread
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
  /** A tick queued while every draining thread has been in its tick longer than this starts another. */
  static final long SLOW_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  /** The most threads draining at once; more only replace threads held by abandoned calls. */
  static final int MAX_DRAINING = 16;
  /** A tick queued longer than this adds a draining thread, up to one per processor. */
  static final long BACKLOG_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

  private record Due(Runnable tick, long queuedAt) {}


  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "canary4j-tick");
    t.setDaemon(true);
    return t;
  });
  private final Queue<Due> due = new ConcurrentLinkedQueue<>();
  /** For each thread counted as draining: when its tick began, or 0 between ticks. */
  private final Set<AtomicLong> tickStarts = ConcurrentHashMap.newKeySet();
  /** Threads draining the queue, not counting those whose call was abandoned. */
  private final AtomicInteger draining = new AtomicInteger();
  private volatile boolean closed;

  /** Queues {@code tick} to run on one of the runner's threads. */
  void submit(Runnable tick) {
    long now = System.nanoTime();
    due.add(new Due(tick, now));
    int threads = draining.get();
    if (threads == 0 || threads < PROCESSORS && backlogged(now) || allInSlowTicks(now)) {
      startDraining();
    }
  }

  /** Whether the oldest queued tick has waited longer than {@link #BACKLOG_NANOS}: one thread is not enough. */
  private boolean backlogged(long now) {
    Due oldest = due.peek();
    return oldest != null && now - oldest.queuedAt() > BACKLOG_NANOS;
  }

  /**
   * Whether every draining thread is in a tick that has taken longer than {@link #SLOW_TICK_NANOS}:
   * slow adapters, which more threads help. A queue that is merely long (a machine short of CPU)
   * gets no more threads than processors, which would only compete for it.
   */
  private boolean allInSlowTicks(long now) {
    boolean any = false; // a thread started but not yet draining is no sign of slowness
    for (AtomicLong start : tickStarts) {
      long began = start.get();
      if (began == 0 || now - began < SLOW_TICK_NANOS) {
        return false;
      }
      any = true;
    }
    return any;
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
    AtomicLong tickStart = new AtomicLong();
    tickStarts.add(tickStart);
    // A call the watchdog abandons may never return: this thread then stops counting as draining,
    // and another drains in its place.
    CallWatchdog.SHARED.onAbandon(() -> {
      if (counted.compareAndSet(true, false)) {
        tickStarts.remove(tickStart);
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
        tickStart.set(System.nanoTime() | 1); // never 0, which means between ticks
        try {
          next.tick().run();
        } catch (RuntimeException e) {
          // A tick reports its own failures; one that escapes must not stop the others.
        } finally {
          tickStart.set(0);
        }
        if (!counted.get()) {
          return; // replaced while its call hung
        }
      }
    } finally {
      CallWatchdog.SHARED.onAbandon(null);
      if (counted.compareAndSet(true, false)) {
        tickStarts.remove(tickStart);
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
